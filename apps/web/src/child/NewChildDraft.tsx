import { createSignal, For, onCleanup } from "solid-js";
import type { ChildFields } from "@roster/schema";
import { useI18n } from "../i18n/i18n-context";
import type { RosterWorkspace } from "../roster/roster-workspace";
import { useApp } from "../session/app-services";
import { DayFirstDateInput } from "../ui/DayFirstDateInput";
import { Link, useRouter } from "../ui/router";
import { GENDER_INPUT } from "./field-specs";

/**
 * "+ Thêm trẻ": a child that exists only on this device, outside the shared document,
 * until it has a name. Leaving it empty discards it, so an abandoned tap leaves nothing in
 * any list, export, count or intake; leaving it with a name adds the child (nothing typed
 * is lost). Once added, the full form of the new child opens in its place.
 */
export function NewChildDraft(props: { workspace: RosterWorkspace; rosterId: string }) {
  const { t } = useI18n();
  const app = useApp();
  const { navigate } = useRouter();
  // Read once: on leaving, the route's props are already gone.
  const { model } = props.workspace;
  const rosterId = props.rosterId;
  const [name, setName] = createSignal("");
  const [dob, setDob] = createSignal("");
  const [gender, setGender] = createSignal<"male" | "female" | "">("");
  let added = false;

  const add = (): string | undefined => {
    if (added || name().trim() === "") return undefined;
    added = true;
    const fields: ChildFields = { fullName: name().trim() };
    if (dob() !== "") fields.dob = dob();
    if (gender() !== "") fields.gender = gender() as "male" | "female";
    const id = model.records.createChild(fields);
    model.refresh();
    return id;
  };
  onCleanup(() => void add());

  return (
    <article class="child-editor" aria-labelledby="draft-title">
      <header class="editor-header">
        <Link to={{ name: "roster", rosterId }} class="back-link">
          ← {t("app.back")}
        </Link>
        <h1 id="draft-title" tabindex="-1">
          {t("draft.title")}
        </h1>
        <p class="hint" id="draft-explain">
          {t("draft.explain")}
        </p>
      </header>
      <form
        class="editor-section"
        aria-describedby="draft-explain"
        onSubmit={(e) => {
          e.preventDefault();
          const id = add();
          if (id !== undefined) navigate({ name: "child", rosterId, childId: id }, { replace: true });
        }}
      >
        <div class="field-row">
          <label for="draft-fullName">{t("field.fullName")}</label>
          <input
            id="draft-fullName"
            type="text"
            required
            autocomplete="off"
            value={name()}
            onInput={(e) => setName(e.currentTarget.value)}
            ref={(el) => queueMicrotask(() => el.focus())}
          />
        </div>
        <div class="field-row">
          <label for="draft-dob">{t("field.dob")}</label>
          <DayFirstDateInput id="draft-dob" value="" onValue={setDob} />
        </div>
        <div class="field-row">
          <label for="draft-gender">{t("field.gender")}</label>
          <select id="draft-gender" onChange={(e) => setGender(e.currentTarget.value as "male" | "female" | "")}>
            <option value="">{t("value.unset")}</option>
            <For each={GENDER_INPUT.kind === "select" ? GENDER_INPUT.options : []}>
              {(o) => <option value={o.value}>{t(o.label)}</option>}
            </For>
          </select>
        </div>
        <div class="button-row">
          <button type="submit" class="primary" disabled={app.abilities().edits !== true || name().trim() === ""}>
            {t("draft.add")}
          </button>
        </div>
      </form>
    </article>
  );
}
