/**
 * The bot's context flavour: what every handler needs, set once per update.
 * `engine` is taken from the library once, so a reload in the middle of an
 * update never mixes two indexes; `memory` is the conversation state.
 */
import { Context } from "grammy";
import type { AnswerEngine } from "../search/types.ts";
import type { ConversationMemory } from "./sessions.ts";

export interface BotFlavor {
  /** The engine serving this update (the library's at the update's start). */
  engine: AnswerEngine;
  /** Conversation state: questions behind buttons, the last answer per chat, answered messages. */
  memory: ConversationMemory;
}

export type BotContext = Context & BotFlavor;
