// Numbers, durations and calendar boundaries in the user's language.

const unit = (language: string, unitName: string, value: number): string =>
  new Intl.NumberFormat(language, {
    style: "unit",
    unit: unitName,
    unitDisplay: "short",
    maximumFractionDigits: 0,
  }).format(value);

/** "85 min" (rounded to whole minutes). */
export function formatMinutes(language: string, minutes: number): string {
  return unit(language, "minute", Math.round(minutes));
}

/** "7 hr 12 min" / "7 Std., 12 Min."; under an hour, minutes only. */
export function formatDuration(language: string, minutes: number): string {
  const total = Math.round(minutes);
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  if (hours === 0) {
    return unit(language, "minute", rest);
  }
  if (rest === 0) {
    return unit(language, "hour", hours);
  }
  return `${unit(language, "hour", hours)} ${unit(language, "minute", rest)}`;
}

/** A score such as 82 or 81.5, in the language's digits. */
export function formatNumber(language: string, value: number): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(value);
}

const DAY_INDEX: Record<string, number> = {
  sunday: 0,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
};

interface WeekInfo {
  firstDay: number;
}

/**
 * The first day of the week (0 = Sunday): the user's profile setting, else
 * the language's custom where the browser knows it, else Monday.
 */
export function firstWeekday(firstWeekdaySetting: string | undefined, language: string): number {
  if (firstWeekdaySetting && firstWeekdaySetting in DAY_INDEX) {
    return DAY_INDEX[firstWeekdaySetting];
  }
  try {
    const locale = new Intl.Locale(language) as Intl.Locale & {
      weekInfo?: WeekInfo;
      getWeekInfo?: () => WeekInfo;
    };
    const info = locale.getWeekInfo?.() ?? locale.weekInfo;
    if (info) {
      // Intl counts 1 = Monday … 7 = Sunday.
      return info.firstDay % 7;
    }
  } catch {
    // An unknown language tag: fall through to Monday.
  }
  return 1;
}

/** Local midnight at the start of the week holding `now`. */
export function weekStart(now: Date, firstDay: number): Date {
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const back = (start.getDay() - firstDay + 7) % 7;
  start.setDate(start.getDate() - back);
  return start;
}

/** Nights count from 03:00, as the integration files them: "2026-11-24" for that evening's night. */
export function eveningOf(now: Date): string {
  const shifted = new Date(now.getTime() - 3 * 3600 * 1000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${shifted.getFullYear()}-${pad(shifted.getMonth() + 1)}-${pad(shifted.getDate())}`;
}
