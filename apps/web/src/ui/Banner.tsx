import type { ParentProps } from "solid-js";

/** A full-width notice; `alert` ones are announced by screen readers. */
export function Banner(props: ParentProps<{ tone: "info" | "warning" | "error"; alert?: boolean }>) {
  return (
    <div class={`banner banner-${props.tone}`} role={props.alert ? "alert" : "status"}>
      {props.children}
    </div>
  );
}
