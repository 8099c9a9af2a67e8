import { html, LitElement, nothing, type TemplateResult } from "lit";
import { property, state } from "lit/decorators.js";
import { DOMAIN } from "../../const";
import { fireEvent, type HomeAssistant, type LovelaceCardEditor } from "../../ha";
import { localize } from "../../localize/localize";
import { safeCustomElement } from "../../utils/define";
import { CARD_EDITOR_NAME } from "./const";
import { checkConfig, type MatCardConfig, SHOW_OPTIONS } from "./mat-card-config";

interface FormField {
  name: string;
  required?: boolean;
  selector?: Record<string, unknown>;
  type?: string;
  schema?: FormField[];
}

// Home Assistant's ha-form draws the fields; the card's own table labels them.
const SCHEMA: FormField[] = [
  {
    name: "entity",
    required: true,
    // The mat's only enum sensor is its session sensor.
    selector: { entity: { filter: { integration: DOMAIN, domain: "sensor", device_class: "enum" } } },
  },
  { name: "name", selector: { text: {} } },
  {
    name: "",
    type: "grid",
    schema: SHOW_OPTIONS.map((name) => ({ name, selector: { boolean: {} } })),
  },
];

/** ha-form is part of Home Assistant's editor bundle: load it through a built-in card's editor if needed. */
async function loadHaForm(): Promise<void> {
  if (customElements.get("ha-form")) {
    return;
  }
  const helpers = await (
    window as unknown as { loadCardHelpers?: () => Promise<{ createCardElement(c: object): HTMLElement }> }
  ).loadCardHelpers?.();
  const card = helpers?.createCardElement({ type: "entities", entities: [] });
  await (card?.constructor as { getConfigElement?: () => Promise<unknown> } | undefined)?.getConfigElement?.();
}

@safeCustomElement(CARD_EDITOR_NAME)
export class MatCardEditor extends LitElement implements LovelaceCardEditor {
  @property({ attribute: false }) public hass?: HomeAssistant;

  @state() private config?: MatCardConfig;

  public connectedCallback(): void {
    super.connectedCallback();
    void loadHaForm().then(() => this.requestUpdate());
  }

  public setConfig(config: unknown): void {
    this.config = checkConfig(config);
  }

  private computeLabel = (field: FormField): string =>
    localize(this.hass?.locale?.language ?? this.hass?.language, `editor.${field.name}`);

  protected render(): TemplateResult | typeof nothing {
    if (!this.hass || !this.config) {
      return nothing;
    }
    // Options left out are on: show them switched on.
    const data = {
      ...Object.fromEntries(SHOW_OPTIONS.map((option) => [option, true])),
      ...this.config,
    };
    return html`
      <ha-form
        .hass=${this.hass}
        .data=${data}
        .schema=${SCHEMA}
        .computeLabel=${this.computeLabel}
        @value-changed=${this.valueChanged}
      ></ha-form>
    `;
  }

  private valueChanged(event: CustomEvent<{ value: Record<string, unknown> }>): void {
    const config: Record<string, unknown> = { ...event.detail.value };
    // Keep the YAML short: defaults and an empty title are left out.
    for (const option of SHOW_OPTIONS) {
      if (config[option] === true) {
        delete config[option];
      }
    }
    if (!config.name) {
      delete config.name;
    }
    fireEvent(this, "config-changed", { config });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    [CARD_EDITOR_NAME]: MatCardEditor;
  }
}
