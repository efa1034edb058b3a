// A corrected fact's value in words, for the history and correction pages.
import { choiceText, type AmendableFact } from '../../../domain/amendable-facts.js';
import { londonDate, londonTimeOfDay } from '../../../domain/london-time.js';
import { longDate } from '../../views.js';

export function factText(fact: AmendableFact | null, value: unknown): string {
  if (value === null || value === undefined) return 'Not recorded';
  const text = String(value);
  if (!fact) return text;
  if (fact.kind === 'date') return longDate(text);
  if (fact.kind === 'datetime') {
    const at = new Date(text);
    return `${longDate(londonDate(at))}, ${londonTimeOfDay(at)}`;
  }
  if (fact.kind === 'choice') return choiceText(fact, text) ?? text;
  return text === '' ? '(blank)' : text;
}
