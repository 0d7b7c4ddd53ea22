import { createContext, createSignal, onCleanup, useContext, type Accessor, type JSX, type ParentProps } from "solid-js";
import { parsePath, pathOf, type Route } from "./route";

interface Router {
  route: Accessor<Route>;
  navigate: (route: Route, options?: { replace?: boolean }) => void;
}

const RouterContext = createContext<Router>();

/** Keeps the current screen in the address bar, so Back on Android works as expected. */
export function RouterProvider(props: ParentProps) {
  const [route, setRoute] = createSignal<Route>(parsePath(location.pathname));
  const onPop = () => setRoute(parsePath(location.pathname));
  window.addEventListener("popstate", onPop);
  onCleanup(() => window.removeEventListener("popstate", onPop));
  const navigate: Router["navigate"] = (next, options) => {
    const path = pathOf(next);
    if (path !== location.pathname) {
      if (options?.replace) history.replaceState(null, "", path);
      else history.pushState(null, "", path);
    }
    setRoute(next);
    window.scrollTo(0, 0);
  };
  return <RouterContext.Provider value={{ route, navigate }}>{props.children}</RouterContext.Provider>;
}

export function useRouter(): Router {
  const router = useContext(RouterContext);
  if (!router) throw new Error("useRouter outside RouterProvider");
  return router;
}

/** A real link (middle-click, keyboard, screen readers) that navigates inside the app. */
export function Link(props: { to: Route; class?: string; children: JSX.Element; "aria-current"?: "page" | undefined }) {
  const { navigate } = useRouter();
  return (
    <a
      href={pathOf(props.to)}
      class={props.class}
      aria-current={props["aria-current"]}
      onClick={(event) => {
        if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
        event.preventDefault();
        navigate(props.to);
      }}
    >
      {props.children}
    </a>
  );
}
