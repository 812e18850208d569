/** An HTTP error with GitHub's REST error shape. Thrown by handlers, rendered by the server. */
export interface GitHubErrorDetail {
  resource?: string;
  field?: string;
  code: string;
  message?: string;
  value?: unknown;
}

export const DOCS = "https://docs.github.com/rest";

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: GitHubErrorDetail[],
    readonly headers: Record<string, string> = {},
    readonly documentationUrl: string = DOCS,
  ) {
    super(message);
  }

  body(): Record<string, unknown> {
    const body: Record<string, unknown> = { message: this.message };
    if (this.errors) body["errors"] = this.errors;
    body["documentation_url"] = this.documentationUrl;
    body["status"] = String(this.status);
    return body;
  }
}

export const notFound = (): HttpError => new HttpError(404, "Not Found");

export const validationFailed = (errors: GitHubErrorDetail[], message = "Validation Failed"): HttpError =>
  new HttpError(422, message, errors);
