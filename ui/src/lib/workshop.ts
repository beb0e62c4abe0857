// Pure helpers of workshop mode: the participants typed at the start, the keys that drive the
// presentation, and what is handed to the core at the end. The rules (which answers a question
// takes, one revision for the whole workshop) live in the Rust core.
import type { Dissent } from "./gen/Dissent";
import type { WorkshopAnswer } from "./gen/WorkshopAnswer";
import type { WorkshopInput } from "./gen/WorkshopInput";

/** What the workshop has recorded for one question so far. */
export interface Draft {
  /** The answer chosen in the workshop, or null while none is. */
  answer: string | null;
  /** The comment as typed. */
  comment: string;
  /** Participants who gave the answer. */
  by: string[];
  /** Participants who see it otherwise, with their view. */
  disagreements: Dissent[];
}

/** The case's answer to a question as it was when the workshop started. */
export interface Original {
  value: string | null;
  comment: string;
}

/** Names typed one per line (or separated by commas or semicolons), trimmed, blanks and repeats dropped. */
export function parseParticipants(text: string): string[] {
  const seen = new Set<string>();
  const names: string[] = [];
  for (const raw of text.split(/[\n,;]/)) {
    const name = raw.trim().replace(/\s+/g, " ");
    if (name && !seen.has(name)) {
      seen.add(name);
      names.push(name);
    }
  }
  return names;
}

/** What a key press does on the presentation screen. */
export type KeyAction =
  | { kind: "next" }
  | { kind: "previous" }
  | { kind: "answer"; index: number }
  | { kind: "help" }
  | { kind: "comment" }
  | { kind: "disagree" }
  | { kind: "end" };

/**
 * The presentation's keys: arrows (and Page Up/Down, which presenters' remotes send) move between
 * questions, 1–9 choose the n-th answer, H shows help and sources, C the comment, D a disagreement,
 * E the end. Inside a text field only Escape counts (it leaves the field), so typing never answers.
 */
export function keyAction(key: string, inTextField: boolean, modifiers = false): KeyAction | null {
  if (inTextField || modifiers) return null;
  switch (key) {
    case "ArrowRight":
    case "ArrowDown":
    case "PageDown":
      return { kind: "next" };
    case "ArrowLeft":
    case "ArrowUp":
    case "PageUp":
      return { kind: "previous" };
    case "h":
    case "H":
    case "?":
      return { kind: "help" };
    case "c":
    case "C":
      return { kind: "comment" };
    case "d":
    case "D":
      return { kind: "disagree" };
    case "e":
    case "E":
    case "End":
      return { kind: "end" };
  }
  if (/^[1-9]$/.test(key)) return { kind: "answer", index: Number(key) - 1 };
  return null;
}

/** Whether the workshop recorded anything for a question: an answer other than the case's, another comment, or a disagreement. */
export function discussed(d: Draft, o: Original): boolean {
  return (d.answer !== null && d.answer !== o.value) || d.comment.trim() !== o.comment.trim() || d.disagreements.length > 0;
}

/**
 * What the core receives: the questions discussed, in the order shown. A question whose answer did
 * not change but whose comment did is sent with its answer, so the comment is stored with it.
 */
export function workshopInput(
  startedAt: Date,
  participants: string[],
  order: string[],
  drafts: Record<string, Draft>,
  originals: Record<string, Original>,
): WorkshopInput {
  const answers: WorkshopAnswer[] = [];
  for (const question of order) {
    const d = drafts[question];
    const o = originals[question] ?? { value: null, comment: "" };
    if (!d || !discussed(d, o)) continue;
    const answer = d.answer ?? o.value;
    answers.push({
      question,
      answer: answer ?? undefined,
      comment: d.comment.trim() ? d.comment.trim() : undefined,
      by: d.answer !== null ? d.by.filter((n) => participants.includes(n)) : [],
      disagreements: d.disagreements.filter((x) => participants.includes(x.by) && x.comment.trim()),
    });
  }
  return { started_at: startedAt.toISOString(), participants, answers };
}
