// A date and time as the pages show them: "4 Dec 2026, 09:30", in London's time.
const DATE_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

export function dateTime(value: Date | string | null | undefined): string {
  return value ? DATE_TIME.format(new Date(value)) : '';
}
