/** The integration's domain: its actions, entities and websocket commands. */
export const DOMAIN = "acupressure_mat";
