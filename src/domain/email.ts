// An email address in the plain shape name@domain.tld: enough to catch typing slips, not a full RFC check.
export const isEmailAddress = (text: string): boolean => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text);
