import type { RosterRecords } from "@roster/doc";
import { aChildWithoutPid } from "./fixtures";
import type { Editor, SyncClient } from "./sync-clients";

/** What one child must hold at the end: each client writes only its own children. */
interface Expected {
  by: string;
  fullName: string;
  grade?: string;
}

/**
 * Clients editing a roster on a timer, as people in the field would during a fault: each
 * round, every editing client adds a child and changes the grade of one of its earlier ones.
 * It remembers what every child must finally hold, so a test can check that nothing any
 * client made was lost (a client writes only its own children: no conflict to resolve).
 */
export class EditLoad {
  private readonly expected = new Map<string, Expected>();
  private readonly editors = new Map<SyncClient, { tag: string; own: string[] }>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private round = 0;

  constructor(private readonly editor: Editor) {}

  /** Adds a client to the load; `tag` names its children. */
  add(client: SyncClient, tag: string): void {
    this.editors.set(client, { tag, own: [] });
  }

  /** The client stops editing (what it made so far stays expected). */
  remove(client: SyncClient): void {
    this.editors.delete(client);
  }

  start(everyMs = 100): void {
    this.timer ??= setInterval(() => this.tick(), everyMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One round of edits now (also run by the timer). */
  tick(): void {
    this.round += 1;
    for (const [client, mine] of this.editors) {
      const fullName = `${mine.tag} ${this.round}`;
      const id = client.records().createChild(aChildWithoutPid({ fullName }));
      this.expected.set(id, { by: mine.tag, fullName });
      mine.own.push(id);
      const earlier = mine.own[Math.floor(Math.random() * mine.own.length)]!;
      const grade = `${1 + (this.round % 5)}A-${this.round}`;
      client.records().setChildField(earlier, "grade", grade, this.editor);
      this.expected.get(earlier)!.grade = grade;
    }
  }

  /** How many children the load made. */
  get size(): number {
    return this.expected.size;
  }

  /** Child ids made by the load. */
  ids(): string[] {
    return [...this.expected.keys()];
  }

  /** What `records` lacks of the load's edits (empty: every edit is there). */
  missingIn(records: RosterRecords): string[] {
    const missing: string[] = [];
    for (const [id, want] of this.expected) {
      const child = records.getChild(id);
      if (!child) missing.push(`${id} (${want.fullName}): absent`);
      else if (child.fullName !== want.fullName) missing.push(`${id}: fullName ${child.fullName} ≠ ${want.fullName}`);
      else if (want.grade !== undefined && child.grade !== want.grade) missing.push(`${id} (${want.fullName}): grade ${child.grade} ≠ ${want.grade}`);
    }
    return missing;
  }
}
