import { createEffect, createSignal, onCleanup, untrack, type Accessor } from "solid-js";
import type { FieldValue } from "@roster/schema";
import type { ConflictValue } from "@roster/doc";

/** What a colleague saved in the field while this person was typing in it. */
export interface ChangedMeanwhile {
  readonly value: FieldValue;
  /** Who saved it, from the edit log (empty when the log does not say). */
  readonly name: string;
  readonly at: string;
}

export interface TypedFieldOptions {
  value: Accessor<FieldValue | undefined>;
  /** The latest writes of the field (edit log heads): who set the stored value. */
  writes: Accessor<readonly ConflictValue[]>;
  /** The text a stored value shows as in the input (a date reads dd/mm/yyyy). */
  show: (value: FieldValue | undefined) => string;
  /** An ordinary write of what the person decided. */
  commit: (text: string) => void;
  /** Writes the typed text over only the writes the person had seen (the field stays in conflict). */
  writeOver?: (text: string, seen: readonly string[]) => void;
}

/**
 * The state of a text-like input (text, textarea, date) that a colleague may save while
 * the person types in it. The stored value is copied into the input only while the input
 * holds no unsaved text; otherwise the input keeps what was typed and `changed` says what
 * the colleague saved, until the person keeps theirs, takes the other or merges. Leaving
 * the screen before deciding writes the typed text as a conflicting value, so both stay.
 */
export function createTypedField(options: TypedFieldOptions) {
  let input: HTMLInputElement | HTMLTextAreaElement | undefined;
  // The stored text the person started from and the log entries behind it.
  let base = options.show(options.value());
  let seen: readonly string[] = options.writes().map((w) => w.entryId);
  const [changed, setChanged] = createSignal<ChangedMeanwhile | null>(null);
  const [typed, setTyped] = createSignal(base);
  const put = (text: string) => {
    if (input !== undefined) input.value = text;
    setTyped(text);
  };

  const dirty = () => input !== undefined && input.value !== base;
  const focused = () => input !== undefined && document.activeElement === input;
  const rebase = (text: string) => {
    base = text;
    seen = options.writes().map((w) => w.entryId);
  };

  // The stored text last copied or compared: the effect acts only when the document changes.
  let lastStored = base;
  createEffect(() => {
    const stored = options.show(options.value());
    const writes = options.writes();
    if (input === undefined || stored === lastStored) return;
    lastStored = stored;
    untrack(() => {
      if (input === undefined) return;
      if (changed() === null && (!focused() || !dirty())) {
        put(stored);
        rebase(stored);
      } else if (stored === input.value) {
        setChanged(null);
        rebase(stored);
      } else {
        const latest = writes.find((w) => options.show(w.value) === stored) ?? writes[writes.length - 1];
        setChanged({ value: options.value() ?? null, name: latest?.name ?? "", at: latest?.at ?? "" });
      }
    });
  });

  onCleanup(() => {
    if (changed() !== null && input !== undefined && dirty()) options.writeOver?.(input.value, seen);
  });

  return {
    ref: (el: HTMLInputElement | HTMLTextAreaElement) => {
      input = el;
      el.value = base;
    },
    onInput: () => setTyped(input?.value ?? ""),
    onFocus: () => {
      if (changed() === null && !dirty()) rebase(input?.value ?? base);
    },
    /** The input's change event: writes unless a decision about a colleague's value is pending. */
    onChange: () => {
      if (input === undefined || changed() !== null) return;
      options.commit(input.value);
      rebase(input.value);
    },
    changed,
    /** The text in the input now. */
    typed,
    keepMine: () => {
      if (input === undefined) return;
      const mine = input.value;
      options.commit(mine);
      rebase(mine);
      setChanged(null);
    },
    takeTheirs: () => {
      if (input === undefined) return;
      put(lastStored);
      rebase(lastStored);
      setChanged(null);
    },
    /** Puts both texts in the input for the person to edit into one; saved when they leave it. */
    merge: () => {
      if (input === undefined) return;
      const mine = input.value;
      rebase(lastStored);
      put([mine, lastStored].filter((s) => s.trim() !== "").join(" / "));
      setChanged(null);
      input.focus();
    },
  };
}
