/** An issue body with its tasksync marker replaced, still within GitHub's size limit. */
import { fitBody } from "./fit-body.js";
import { replaceMarker, type Marker } from "../../identity/marker.js";

export const withMarker = (body: string, marker: Marker): string => fitBody(replaceMarker(body, marker));
