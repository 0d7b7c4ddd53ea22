/** The screens of the app, as the address bar names them. */
export type Route =
  | { name: "rosters" }
  | { name: "roster"; rosterId: string }
  | { name: "child"; rosterId: string; childId: string }
  /** A child not written yet: a draft on this device until it has a name. */
  | { name: "newChild"; rosterId: string }
  | { name: "verify"; rosterId: string; childId?: string }
  | { name: "import"; rosterId: string }
  | { name: "reconcile"; rosterId: string }
  | { name: "lists"; rosterId: string }
  | { name: "progress" }
  | { name: "admin" }
  | { name: "account" }
  | { name: "set-password" }
  | { name: "province" }
  | { name: "intake"; rosterId: string; sessionId?: string };

const seg = (s: string) => encodeURIComponent(s);

/** The path of a route (the server and the service worker answer every one with the app). */
export function pathOf(route: Route): string {
  switch (route.name) {
    case "rosters":
      return "/";
    case "roster":
      return `/r/${seg(route.rosterId)}`;
    case "child":
      return `/r/${seg(route.rosterId)}/c/${seg(route.childId)}`;
    case "newChild":
      return `/r/${seg(route.rosterId)}/new`;
    case "verify":
      return route.childId ? `/r/${seg(route.rosterId)}/verify/${seg(route.childId)}` : `/r/${seg(route.rosterId)}/verify`;
    case "import":
    case "reconcile":
    case "lists":
      return `/r/${seg(route.rosterId)}/${route.name}`;
    case "progress":
      return "/progress";
    case "admin":
    case "account":
    case "set-password":
    case "province":
      return `/${route.name}`;
    case "intake":
      return route.sessionId ? `/r/${seg(route.rosterId)}/intake/${seg(route.sessionId)}` : `/r/${seg(route.rosterId)}/intake`;
  }
}

/** The route of a path; anything unknown is the roster list. */
export function parsePath(pathname: string): Route {
  const parts = pathname.split("/").filter((p) => p !== "").map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  const [r, rosterId, kind, childId] = parts;
  if (r === "progress" && parts.length === 1) return { name: "progress" };
  if ((r === "admin" || r === "account" || r === "set-password" || r === "province") && parts.length === 1) return { name: r };
  if (r !== "r" || !rosterId) return { name: "rosters" };
  if (kind === undefined) return { name: "roster", rosterId };
  if (kind === "c" && childId && parts.length === 4) return { name: "child", rosterId, childId };
  if (kind === "new" && parts.length === 3) return { name: "newChild", rosterId };
  if ((kind === "import" || kind === "lists" || kind === "reconcile") && parts.length === 3) return { name: kind, rosterId };
  if (kind === "intake" && parts.length <= 4) return childId ? { name: "intake", rosterId, sessionId: childId } : { name: "intake", rosterId };
  if (kind === "verify" && parts.length <= 4) return childId ? { name: "verify", rosterId, childId } : { name: "verify", rosterId };
  return { name: "rosters" };
}
