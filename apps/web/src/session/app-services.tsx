import { createContext, createSignal, onCleanup, useContext, type Accessor, type ParentProps } from "solid-js";
import { ROLE_ABILITIES, type LoginResponse, type RoleAbilities, type RosterListItem } from "@roster/schema";
import type { Actor } from "@roster/doc";
import { WorkspacePool, type RosterWorkspace } from "../roster/roster-workspace";
import { rosterDbNames } from "../sync/db-names";
import { AppStore } from "./app-db";
import { ApiError } from "./api-error";
import { fetchRosters, login as loginRequest, logoutRequest } from "./session-api";
import { SessionStore } from "./session-store";
import { wipeLocalData } from "./wipe";

/** What every screen may use: the session, the rosters, and the open roster workspaces. */
export interface AppServices {
  /** Undefined while the saved session is being read. */
  session: Accessor<LoginResponse | null | undefined>;
  /** The server refused the token: ask to log in again, keep local data. */
  expired: Accessor<boolean>;
  rosters: Accessor<readonly RosterListItem[]>;
  /** The roster list comes from the device because the server could not be reached. */
  rostersFromCache: Accessor<boolean>;
  refreshRosters: () => Promise<void>;
  login: (username: string, password: string) => Promise<void>;
  /** Takes a session the server answered with (a redeemed one-time code), as a login does. */
  adopt: (answer: LoginResponse) => Promise<void>;
  logout: () => Promise<void>;
  workspace: (rosterId: string) => RosterWorkspace;
  pendingTotal: () => number;
  actor: () => Actor;
  abilities: () => RoleAbilities;
}

const AppContext = createContext<AppServices>();

function syncUrl(): string {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}/sync`;
}

/** Creates the app's services and provides them; reads the saved session at once. */
export function AppServicesProvider(props: ParentProps) {
  const store = new AppStore();
  const sessions = new SessionStore(store);
  const [session, setSession] = createSignal<LoginResponse | null | undefined>(undefined);
  const [expired, setExpired] = createSignal(false);
  const [rosters, setRosters] = createSignal<readonly RosterListItem[]>([]);
  const [rostersFromCache, setRostersFromCache] = createSignal(false);
  const pool = new WorkspacePool({
    store,
    syncUrl: syncUrl(),
    token: () => session()?.token ?? "",
    userId: () => session()?.user.id ?? "",
    onExpired: () => setExpired(true),
  });

  const refreshRosters = async () => {
    const current = session();
    if (!current) return;
    try {
      const list = await fetchRosters(current.token);
      setRosters(list);
      setRostersFromCache(false);
      await sessions.saveRosters(list);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) setExpired(true);
      setRostersFromCache(true);
    }
  };

  const wipe = async () => {
    const known = rosterDbNames([...new Set([...pool.ids(), ...rosters().map((r) => r.id)])]);
    await pool.closeAll();
    await store.close();
    await wipeLocalData({ indexedDB, localStorage, caches: "caches" in window ? caches : undefined }, known);
    setRosters([]);
  };

  const login = async (username: string, password: string) => adopt(await loginRequest(username, password));

  const adopt = async (answer: LoginResponse) => {
    const previous = session();
    // Another person on a shared phone must not inherit the previous one's data.
    if (previous && previous.user.id !== answer.user.id) {
      await wipe();
    }
    await sessions.save(answer);
    setSession(answer);
    setExpired(false);
    pool.setToken(answer.token);
    void navigator.storage?.persist?.().catch(() => false);
    await refreshRosters();
  };

  const logout = async () => {
    // Ends the session on the server too (a stolen copy of the token stops working); offline,
    // the token still expires on its own and the device forgets it now.
    const token = session()?.token;
    if (token) await logoutRequest(token).catch(() => undefined);
    // Every screen goes first ("opening…" meanwhile): a screen still showing a roster would
    // open that roster's databases again while they are being deleted.
    setSession(undefined);
    await wipe();
    setSession(null);
    setExpired(false);
  };

  void (async () => {
    const saved = await sessions.load();
    if (saved) {
      setRosters(await sessions.loadRosters());
      setRostersFromCache(true);
    }
    setSession(saved ?? null);
    if (saved) {
      // Ask the browser not to evict the offline copy under storage pressure.
      void navigator.storage?.persist?.().catch(() => false);
      void refreshRosters();
    }
  })();

  // Android may kill a hidden app without warning: save the sync bookkeeping first.
  const onHide = () => {
    if (document.visibilityState === "hidden") void pool.flush();
  };
  document.addEventListener("visibilitychange", onHide);
  onCleanup(() => document.removeEventListener("visibilitychange", onHide));

  const services: AppServices = {
    session,
    expired,
    rosters,
    rostersFromCache,
    refreshRosters,
    login,
    adopt,
    logout,
    workspace: (id) => pool.get(id),
    pendingTotal: () => pool.pending(),
    actor: () => {
      const user = session()?.user;
      return { id: user?.id ?? "", name: user?.displayName ?? user?.username ?? "" };
    },
    abilities: () => ROLE_ABILITIES[session()?.user.role ?? "viewer"],
  };
  return <AppContext.Provider value={services}>{props.children}</AppContext.Provider>;
}

export function useApp(): AppServices {
  const services = useContext(AppContext);
  if (!services) throw new Error("useApp outside AppServicesProvider");
  return services;
}
