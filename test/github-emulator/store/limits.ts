/** GitHub limits the emulator enforces. */
export const MAX_SUB_ISSUES = 100;
export const MAX_SUB_ISSUE_DEPTH = 8;
export const MAX_DEPENDENCIES = 50;
export const MAX_ANNOTATIONS_PER_REQUEST = 50;
export const MAX_CHECK_TEXT = 65535;
