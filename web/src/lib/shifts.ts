// Shift names (R-SHIFT-1) for the agent console and the supervisor page.
import { t, type TextKey } from './i18n';

/** The presets' shift ids (R-SHIFT-1) by name; a shop's own ids are shown as they are. */
const shiftNames: Record<string, TextKey> = {
  early: 'shiftEarly',
  middle: 'shiftMiddle',
  night: 'shiftNight',
  day: 'shiftDay',
  evening: 'shiftEvening',
  all_day: 'shiftAllDay',
};

/** A preset's name in the page's language ("early" → 早班); a shop's own id as it is. */
export function shiftName(id: string): string {
  return shiftNames[id] ? t(shiftNames[id]) : id;
}
