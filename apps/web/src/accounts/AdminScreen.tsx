import { createResource, createSignal, For, Show } from "solid-js";
import { ROLES, type IssuedCode, type Role, type User } from "@roster/schema";
import { useI18n } from "../i18n/i18n-context";
import { useApp } from "../session/app-services";
import { Banner } from "../ui/Banner";
import { createRoster, createUser, listAllRosters, listUsers, patchRoster, patchUser, resetUser, securityLog } from "./accounts-api";
import { CodeCard } from "./CodeCard";

const COMMUNE_ROLES = ROLES.filter((r) => r !== "province") as Exclude<Role, "province">[];

/** The commune admin's screen: accounts, villages and the security log of its own commune. */
export function AdminScreen() {
  const { t, time } = useI18n();
  const app = useApp();
  const token = () => app.session()?.token ?? "";
  const [users, { refetch: refetchUsers }] = createResource(token, listUsers);
  const [rosters, { refetch: refetchRosters }] = createResource(token, listAllRosters);
  const [log, { refetch: refetchLog }] = createResource(token, securityLog);
  const [issued, setIssued] = createSignal<(IssuedCode & { username: string }) | null>(null);
  const [error, setError] = createSignal<string | null>(null);

  const act = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
    } catch (e) {
      setError((e as Error).message);
    }
    void refetchUsers();
    void refetchRosters();
    void refetchLog();
  };

  // New account form.
  const [username, setUsername] = createSignal("");
  const [displayName, setDisplayName] = createSignal("");
  const [role, setRole] = createSignal<Exclude<Role, "province">>("hamlet");
  const [villages, setVillages] = createSignal<string[]>([]);
  const create = (event: Event) => {
    event.preventDefault();
    void act(async () => {
      const answer = await createUser(token(), { username: username().trim(), displayName: displayName().trim(), role: role(), rosters: role() === "hamlet" ? villages() : [] });
      setIssued({ username: answer.user.username, code: answer.code, expiresAt: answer.expiresAt });
      setUsername("");
      setDisplayName("");
      setVillages([]);
    });
  };

  // New village form.
  const [villageId, setVillageId] = createSignal("");
  const [villageName, setVillageName] = createSignal("");
  const addVillage = (event: Event) => {
    event.preventDefault();
    void act(async () => {
      await createRoster(token(), { id: villageId().trim(), name: villageName().trim() });
      setVillageId("");
      setVillageName("");
    });
  };

  const villageName_ = (id: string) => rosters()?.find((r) => r.id === id)?.name ?? id;

  return (
    <main class="page admin-screen">
      <h1>{t("admin.title")}</h1>
      <Show when={error()}>
        <Banner tone="error" alert>
          {error()}
        </Banner>
      </Show>
      <Show when={issued()}>{(code) => <CodeCard username={code().username} code={code().code} expiresAt={code().expiresAt} onClose={() => setIssued(null)} />}</Show>

      <section aria-labelledby="admin-users">
        <h2 id="admin-users">{t("admin.users")}</h2>
        <table class="admin-table">
          <thead>
            <tr>
              <th scope="col">{t("admin.username")}</th>
              <th scope="col">{t("admin.displayName")}</th>
              <th scope="col">{t("admin.role")}</th>
              <th scope="col">{t("admin.villages")}</th>
              <th scope="col">{t("admin.lastLogin")}</th>
              <th scope="col">{t("admin.actions")}</th>
            </tr>
          </thead>
          <tbody>
            <For each={users() ?? []}>
              {(user: User) => (
                <tr data-username={user.username} classList={{ disabled: user.disabled }}>
                  <td>{user.username}</td>
                  <td>{user.displayName}</td>
                  <td>
                    <select
                      aria-label={t("admin.roleOf", { username: user.username })}
                      value={user.role}
                      disabled={user.id === app.session()?.user.id}
                      onChange={(e) => void act(() => patchUser(token(), user.id, { role: e.currentTarget.value as Exclude<Role, "province"> }))}
                    >
                      <For each={COMMUNE_ROLES}>{(r) => <option value={r}>{t(`role.${r}`)}</option>}</For>
                    </select>
                  </td>
                  <td>{user.role === "hamlet" ? user.rosters.map(villageName_).join(", ") || "—" : t("admin.allVillages")}</td>
                  <td>{user.lastLoginAt ? time(user.lastLoginAt) : t("admin.never")}</td>
                  <td class="actions">
                    <Show when={user.id !== app.session()?.user.id}>
                      <button type="button" onClick={() => void act(() => patchUser(token(), user.id, { disabled: !user.disabled }))}>
                        {user.disabled ? t("admin.enable") : t("admin.disable")}
                      </button>
                    </Show>
                    <button
                      type="button"
                      onClick={() =>
                        void act(async () => {
                          const code = await resetUser(token(), user.id);
                          setIssued({ username: user.username, ...code });
                        })
                      }
                    >
                      {t("admin.reset")}
                    </button>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>

        <form class="admin-form" onSubmit={create}>
          <h3>{t("admin.newUser")}</h3>
          <label for="new-username">{t("admin.username")}</label>
          <input id="new-username" required pattern="[a-zA-Z0-9._\-]{2,64}" autocomplete="off" value={username()} onInput={(e) => setUsername(e.currentTarget.value)} />
          <label for="new-display-name">{t("admin.displayName")}</label>
          <input id="new-display-name" required value={displayName()} onInput={(e) => setDisplayName(e.currentTarget.value)} />
          <label for="new-role">{t("admin.role")}</label>
          <select id="new-role" value={role()} onChange={(e) => setRole(e.currentTarget.value as Exclude<Role, "province">)}>
            <For each={COMMUNE_ROLES}>{(r) => <option value={r}>{t(`role.${r}`)}</option>}</For>
          </select>
          <Show when={role() === "hamlet"}>
            <fieldset>
              <legend>{t("admin.villages")}</legend>
              <For each={(rosters() ?? []).filter((r) => !r.archived)}>
                {(r) => (
                  <label class="check">
                    <input
                      type="checkbox"
                      checked={villages().includes(r.id)}
                      onChange={(e) => setVillages(e.currentTarget.checked ? [...villages(), r.id] : villages().filter((v) => v !== r.id))}
                    />{" "}
                    {r.name}
                  </label>
                )}
              </For>
            </fieldset>
          </Show>
          <button type="submit" class="primary">
            {t("admin.create")}
          </button>
        </form>
      </section>

      <section aria-labelledby="admin-villages">
        <h2 id="admin-villages">{t("admin.villageList")}</h2>
        <ul class="village-list">
          <For each={rosters() ?? []}>
            {(r) => (
              <li data-roster={r.id}>
                <span>{r.name}</span> <span class="hint">({r.id})</span>
                <Show when={r.archived}>
                  {" "}
                  <span class="badge">{t("admin.archived")}</span>
                </Show>{" "}
                <button
                  type="button"
                  onClick={() => {
                    const name = prompt(t("admin.renamePrompt"), r.name)?.trim();
                    if (name) void act(() => patchRoster(token(), r.id, { name }));
                  }}
                >
                  {t("admin.rename")}
                </button>{" "}
                <button type="button" onClick={() => void act(() => patchRoster(token(), r.id, { archived: !r.archived }))}>
                  {r.archived ? t("admin.unarchive") : t("admin.archive")}
                </button>
              </li>
            )}
          </For>
        </ul>
        <form class="admin-form" onSubmit={addVillage}>
          <h3>{t("admin.newVillage")}</h3>
          <label for="new-village-id">{t("admin.villageId")}</label>
          <input id="new-village-id" required pattern="[a-z0-9\-]{1,64}" value={villageId()} onInput={(e) => setVillageId(e.currentTarget.value)} />
          <label for="new-village-name">{t("admin.villageName")}</label>
          <input id="new-village-name" required value={villageName()} onInput={(e) => setVillageName(e.currentTarget.value)} />
          <button type="submit">{t("admin.addVillage")}</button>
        </form>
      </section>

      <section aria-labelledby="admin-log">
        <h2 id="admin-log">{t("admin.securityLog")}</h2>
        <table class="admin-table" data-testid="security-log">
          <thead>
            <tr>
              <th scope="col">{t("history.when")}</th>
              <th scope="col">{t("admin.log.actor")}</th>
              <th scope="col">{t("admin.log.action")}</th>
              <th scope="col">{t("admin.log.target")}</th>
              <th scope="col">{t("admin.log.detail")}</th>
            </tr>
          </thead>
          <tbody>
            <For each={log() ?? []}>
              {(e) => (
                <tr>
                  <td>{time(e.at)}</td>
                  <td>{e.actor ?? "—"}</td>
                  <td>{t(`security.${e.action}`)}</td>
                  <td>{e.target ?? "—"}</td>
                  <td>{e.detail}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </section>
    </main>
  );
}
