import { fingerprintInput, fingerprintOfInput } from "@roster/rules";
import type { Child, Guardian } from "@roster/schema";

/**
 * Each child's fingerprint with the input it was hashed from (`fingerprintInput`): after
 * an edit of a field police do not verify (a note, a school, a guardian's phone) the
 * input is the same and SHA-256 is not paid again.
 */
export class FingerprintCache {
  private readonly entries = new Map<string, { readonly input: string; readonly value: string }>();

  get(id: string): string | undefined {
    return this.entries.get(id)?.value;
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  /** Brings `child`'s fingerprint up to date; true when it changed. */
  update(child: Child, guardians: Record<string, Guardian>): boolean {
    const input = fingerprintInput(child, guardians);
    const before = this.entries.get(child.id);
    if (before?.input === input) return false;
    this.entries.set(child.id, { input, value: fingerprintOfInput(input) });
    return true;
  }

  delete(id: string): void {
    this.entries.delete(id);
  }

  clear(): void {
    this.entries.clear();
  }
}
