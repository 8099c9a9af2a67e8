// The parts of Home Assistant's frontend objects the card uses. The frontend
// does not publish its types as a package, so they are declared here.

export interface HassEntity {
  entity_id: string;
  state: string;
  attributes: Record<string, unknown>;
  last_changed: string;
  last_updated: string;
}

/** hass.entities: the entity registry as the frontend sees it. */
export interface EntityRegistryDisplayEntry {
  entity_id: string;
  name?: string | null;
  device_id?: string;
  platform?: string;
  translation_key?: string;
  hidden?: boolean;
}

export interface DeviceRegistryEntry {
  id: string;
  name: string | null;
  name_by_user: string | null;
}

export interface FrontendLocaleData {
  language: string;
  /** "language" (follow the language), or a day name such as "monday". */
  first_weekday?: string;
}

export type LocalizeFunc = (
  key: string,
  values?: Record<string, unknown>,
) => string;

/** What a refused action rejects with (Home Assistant's websocket error). */
export interface ServiceCallError {
  code?: string;
  message?: string;
  translation_domain?: string;
  translation_key?: string;
  translation_placeholders?: Record<string, unknown>;
}

export interface HomeAssistant {
  states: Record<string, HassEntity | undefined>;
  entities: Record<string, EntityRegistryDisplayEntry | undefined>;
  devices: Record<string, DeviceRegistryEntry | undefined>;
  language: string;
  locale: FrontendLocaleData;
  localize: LocalizeFunc;
  connection: {
    subscribeMessage<T>(
      callback: (message: T) => void,
      subscribeMessage: Record<string, unknown>,
    ): Promise<() => Promise<void>>;
  };
  callService(
    domain: string,
    service: string,
    serviceData?: Record<string, unknown>,
    target?: Record<string, unknown>,
    notifyOnError?: boolean,
    returnResponse?: boolean,
  ): Promise<unknown>;
  loadBackendTranslation(
    category: string,
    integration?: string,
  ): Promise<LocalizeFunc>;
  formatEntityState?(stateObj: HassEntity, state?: string): string;
}

export interface LovelaceCardConfig {
  type: string;
  [key: string]: unknown;
}

export interface LovelaceGridOptions {
  columns?: number | "full";
  rows?: number | "auto";
  min_columns?: number;
  min_rows?: number;
}

export interface LovelaceCardEditor extends HTMLElement {
  hass?: HomeAssistant;
  setConfig(config: LovelaceCardConfig): void;
}

/** Fire an event the way Home Assistant's elements do (bubbling, composed). */
export function fireEvent(
  node: HTMLElement,
  type: string,
  detail: Record<string, unknown>,
): void {
  node.dispatchEvent(
    new CustomEvent(type, { detail, bubbles: true, composed: true }),
  );
}
