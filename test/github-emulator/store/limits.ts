/** GitHub limits the emulator enforces. */
export const MAX_SUB_ISSUES = 100;
export const MAX_SUB_ISSUE_DEPTH = 8;
export const MAX_DEPENDENCIES = 50;
export const MAX_ANNOTATIONS_PER_REQUEST = 50;
export const MAX_CHECK_TEXT = 65535;
/** Characters in an issue or comment body ("body is too long (maximum is 65536 characters)"). */
export const MAX_BODY = 65536;
