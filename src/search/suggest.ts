/**
 * Example questions the loaded articles can answer, for /help and for an
 * honest "I don't know": built from what the articles contain (who is quoted,
 * who holds which role, what the sections are about) and kept only if the
 * engine really answers them.
 */
import { surname } from "../language/names.ts";
import type { Document } from "../corpus/types.ts";

export function suggestQuestions(documents: readonly Document[], answers: (question: string) => boolean): string[] {
  const candidates: string[] = [];
  for (const document of documents) {
    const quoted = new Set(document.quotes.map((q) => q.speaker).filter((s): s is string => s !== null));
    for (const person of document.people) {
      if (quoted.has(person.name)) candidates.push(`What did ${surname(person.name)} say?`);
    }
    for (const person of document.people) {
      const role = person.roles[0];
      if (role) candidates.push(`Who is the ${role}?`);
    }
    for (const section of document.sections) {
      if (section.title) candidates.push(`What about ${lowerFirst(section.title)}?`);
    }
  }
  const seen = new Set<string>();
  const out: string[] = [];
  for (const question of candidates) {
    if (seen.has(question)) continue;
    seen.add(question);
    if (answers(question)) out.push(question);
    if (out.length >= 8) break;
  }
  return out;
}

function lowerFirst(text: string): string {
  // Keep acronyms and names ("G 20", "Ruritania") as written.
  return /^\p{Lu}\p{Ll}/u.test(text) && !/^\p{Lu}\p{Ll}+\s+\p{Lu}/u.test(text)
    ? text[0]!.toLowerCase() + text.slice(1)
    : text;
}
