import { createMemo, createSignal, For, onCleanup, onMount, untrack, type JSX } from "solid-js";
import { windowRange } from "./window-range";

interface VirtualListProps<T> {
  items: readonly T[];
  /** Every row has this height in CSS pixels (the row component must keep to it). */
  rowHeight: number;
  label: string;
  /** The items are a first part only, the rest is still loading (`aria-busy`). */
  busy?: boolean;
  /** Renders one row; `index` is its position when the row was created (rows are kept
   * while their item stays in view, so it is not updated if the item moves). */
  children: (item: T, index: number) => JSX.Element;
}

/**
 * A list that renders only the rows in view: thousands of children scroll smoothly on
 * a cheap phone because the DOM holds a screenful, not the roster.
 */
export function VirtualList<T>(props: VirtualListProps<T>) {
  let viewport: HTMLDivElement | undefined;
  const [scrollTop, setScrollTop] = createSignal(0);
  const [height, setHeight] = createSignal(800);

  onMount(() => {
    const element = viewport;
    if (!element) return;
    setHeight(element.clientHeight);
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    onCleanup(() => observer.disconnect());
  });

  const range = createMemo(() => windowRange(scrollTop(), height(), props.rowHeight, props.items.length));
  // Keyed by the items themselves: when the list changes (an edit elsewhere in the roster),
  // rows whose item is the same object keep their DOM; only changed rows re-render.
  const visible = createMemo(() => {
    const { start, end } = range();
    return props.items.slice(start, end);
  });

  return (
    <div
      ref={(el) => (viewport = el)}
      class="virtual-list"
      role="list"
      aria-label={props.label}
      aria-busy={props.busy === true ? "true" : undefined}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <div style={{ height: `${props.items.length * props.rowHeight}px`, position: "relative" }}>
        <For each={visible()}>
          {(item, offset) => {
            const index = untrack(() => range().start + offset());
            return (
              <div
                role="listitem"
                class="virtual-row"
                style={{
                  position: "absolute",
                  top: `${(range().start + offset()) * props.rowHeight}px`,
                  height: `${props.rowHeight}px`,
                  left: 0,
                  right: 0,
                }}
              >
                {props.children(item, index)}
              </div>
            );
          }}
        </For>
      </div>
    </div>
  );
}
