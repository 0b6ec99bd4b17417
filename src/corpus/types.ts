/**
 * The corpus model: what an article becomes once it is read.
 *
 * Document -> sections -> passages (paragraphs) -> sentences, with direct quotes
 * attached to the passage they appear in. Offsets are UTF-16 indices into
 * `Passage.text`, so renderers can mark a sentence or a quote without re-parsing.
 */

/** A person the article names, with every way the article refers to them. */
export interface Person {
  /** Full name as the article introduces the person: "Elena Marsh". */
  name: string;
  /** Other ways of referring to them: surname, roles ("President of Ruritania"). Lower-case free. */
  aliases: string[];
  /** Roles / titles found next to the name ("President of Ruritania"). */
  roles: string[];
}

/** A span of direct speech, attributed to a speaker when the article says who. */
export interface Quote {
  /** Stable id, unique within the loaded corpus: `${docId}#q${n}`. */
  id: string;
  docId: string;
  passageId: string;
  /** The words inside the quotation marks (elisions "..." kept). */
  text: string;
  /** The speaker's full name, or null when the article does not say who spoke. */
  speaker: string | null;
  /** Offsets of the quoted words (without the marks) in the passage text. */
  start: number;
  end: number;
}

/** One sentence of a passage. */
export interface Sentence {
  /** Stable id: `${passageId}.s${index}`. */
  id: string;
  passageId: string;
  index: number;
  text: string;
  /** Offsets in the passage text. */
  start: number;
  end: number;
  /** The quote this sentence is part of (direct speech), if any. */
  quoteId: string | null;
  /**
   * Who is speaking: the quote's speaker for direct speech, or the person
   * reporting for indirect speech ("Carvalho warned that ..."; quoteId null).
   */
  speaker: string | null;
}

/** A paragraph: the unit the bot shows as an answer. */
export interface Passage {
  /** Stable id: `${docId}#p${index}`. */
  id: string;
  docId: string;
  /** Position of the passage in its document (0-based). */
  index: number;
  /** Heading of the section the passage is in, or null before the first heading. */
  section: string | null;
  text: string;
  /**
   * The passage's sentences. A loaded passage (corpus/model.ts) keeps them as
   * numbers and makes new objects at each read (two reads are equal, not the same
   * array): code that reads one field of many sentences uses model.ts's
   * sentenceCount, sentenceSpeaker, sentenceText... For a loaded passage this is a
   * getter, not an own property, so a `{ ...passage }` copy has no `sentences` and
   * is not a Passage: a copy names them (`{ ...passage, sentences: passage.sentences }`).
   */
  sentences: Sentence[];
  quotes: Quote[];
}

/** A section: a heading and the passages under it. */
export interface Section {
  title: string | null;
  passages: Passage[];
}

/** One article. */
export interface Document {
  /** Stable id derived from the file name (without extension). */
  id: string;
  /** File name relative to the data directory. */
  file: string;
  title: string;
  /** ISO date (YYYY-MM-DD) or null. */
  date: string | null;
  /** Dateline place ("ASTANA") or front-matter source, or null. */
  source: string | null;
  url: string | null;
  sections: Section[];
  passages: Passage[];
  quotes: Quote[];
  people: Person[];
}

/** A file that could not be loaded, and why. */
export interface LoadFailure {
  file: string;
  reason: string;
}

/** Result of reading a data directory. */
export interface LoadResult {
  documents: Document[];
  failures: LoadFailure[];
}
