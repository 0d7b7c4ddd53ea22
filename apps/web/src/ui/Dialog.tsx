import { onCleanup, onMount, type JSX, type ParentProps } from "solid-js";

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog: Escape closes it, Tab stays inside it, focus goes into it on opening
 * (`initialFocus` or its first control) and back to where it was on closing (WCAG 2.1.2,
 * 2.4.3). `as="form"` makes the dialog itself the form.
 */
export function Dialog(
  props: ParentProps<{
    labelledBy: string;
    onClose: () => void;
    alert?: boolean;
    as?: "div" | "form";
    onSubmit?: JSX.EventHandler<HTMLFormElement, SubmitEvent>;
    initialFocus?: string;
  }>,
) {
  let box: HTMLElement | undefined;
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape") {
      event.preventDefault();
      props.onClose();
      return;
    }
    if (event.key !== "Tab" || box === undefined) return;
    const items = [...box.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = items[0];
    const last = items[items.length - 1];
    if (first === undefined || last === undefined) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };
  onMount(() => {
    const wanted = props.initialFocus ? box?.querySelector<HTMLElement>(`#${props.initialFocus}`) : null;
    (wanted ?? box?.querySelector<HTMLElement>(FOCUSABLE))?.focus();
  });
  onCleanup(() => {
    if (opener?.isConnected) opener.focus();
  });
  const attrs = () => ({
    class: "dialog",
    role: props.alert ? ("alertdialog" as const) : ("dialog" as const),
    "aria-modal": "true" as const,
    "aria-labelledby": props.labelledBy,
    onKeyDown,
  });
  return (
    <div class="dialog-backdrop">
      {props.as === "form" ? (
        <form {...attrs()} ref={(el) => (box = el)} onSubmit={(e) => props.onSubmit?.(e)}>
          {props.children}
        </form>
      ) : (
        <div {...attrs()} ref={(el) => (box = el)}>
          {props.children}
        </div>
      )}
    </div>
  );
}
