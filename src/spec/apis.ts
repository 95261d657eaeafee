/** The APIs specwright covers. Each has `specs/<name>/openapi.yaml` and `generated/<name>/`. */
export const API_NAMES = ["commet", "onet", "cloudplans"] as const;

export type ApiName = (typeof API_NAMES)[number];

export function isApiName(value: string): value is ApiName {
  return (API_NAMES as readonly string[]).includes(value);
}
