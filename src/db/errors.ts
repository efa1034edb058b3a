// A start-up failure with one line for the operator saying what and how to fix it.
export class DatabaseStartError extends Error {}
