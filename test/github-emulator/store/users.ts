/** User JSON (simple-user) as GitHub renders it. */
import type { State } from "./state.js";
import type { UserRecord } from "./records.js";

export function userJson(state: State, u: UserRecord): Record<string, unknown> {
  const api = `${state.apiUrl}/users/${encodeURIComponent(u.login)}`;
  return {
    login: u.login,
    id: u.id,
    node_id: u.node_id,
    avatar_url: `${state.webUrl}/avatars/u/${u.id}?v=4`,
    gravatar_id: "",
    url: api,
    html_url: `${state.webUrl}/${u.type === "Bot" ? `apps/${u.login.replace(/\[bot\]$/, "")}` : u.login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: u.type,
    user_view_type: "public",
    site_admin: false,
  };
}

/** git author/committer for a user, as GitHub writes it on web and API commits */
export function gitIdentity(u: UserRecord): { name: string; email: string } {
  return { name: u.login, email: u.email };
}
