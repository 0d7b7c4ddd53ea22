import { createMemo, createSignal, For, onCleanup, onMount, type JSX } from "solid-js";
import { windowRange } from "./window-range";

interface VirtualListProps<T> {
  items: readonly T[];
  /** Every row has this height in CSS pixels (the row component must keep to it). */
  rowHeight: number;
  label: string;
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
  const visible = createMemo(() => {
    const { start, end } = range();
    const slice: { item: T; index: number }[] = [];
    for (let i = start; i < end; i += 1) slice.push({ item: props.items[i] as T, index: i });
    return slice;
  });

  return (
    <div
      ref={(el) => (viewport = el)}
      class="virtual-list"
      role="list"
      aria-label={props.label}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <div style={{ height: `${props.items.length * props.rowHeight}px`, position: "relative" }}>
        <For each={visible()}>
          {(entry) => (
            <div
              role="listitem"
              class="virtual-row"
              style={{ position: "absolute", top: `${entry.index * props.rowHeight}px`, height: `${props.rowHeight}px`, left: 0, right: 0 }}
            >
              {props.children(entry.item, entry.index)}
            </div>
          )}
        </For>
      </div>
    </div>
  );
}
