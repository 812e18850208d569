/**
 * `@login` tokens at the start of a task's description, right after its tags:
 * `- [ ] T006 [P] [US1] @alice @bob Add the upload form` → alice, bob. Only a leading run counts,
 * so an email address, a scoped package (`@types/node`) or an `@` in a code span or in the
 * middle of the text is left in the description.
 */

/** A GitHub login: letters, digits and single hyphens, not starting or ending with one, 39 at most. */
const LOGIN_TOKEN = /^@([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})(?=[\s,]|$)[\s,]*/;

/** The logins of the leading `@login` tokens (each once, as written) and the text after them. */
export function readAssignees(text: string): { logins: string[]; rest: string } {
  const logins: string[] = [];
  let rest = text;
  for (let m = LOGIN_TOKEN.exec(rest); m !== null; m = LOGIN_TOKEN.exec(rest)) {
    const login = m[1] as string;
    if (!logins.some((l) => l.toLowerCase() === login.toLowerCase())) logins.push(login);
    rest = rest.slice(m[0].length);
  }
  return { logins, rest };
}
