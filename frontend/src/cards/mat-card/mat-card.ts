import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from "lit";
import { property, state } from "lit/decorators.js";
import { DOMAIN } from "../../const";
import {
  type CardSummary,
  findMatEntities,
  findMatSessions,
  isMatSession,
  type MatEntities,
  matName,
} from "../../data/mat";
import type {
  HassEntity,
  HomeAssistant,
  LovelaceCardEditor,
  LovelaceGridOptions,
  ServiceCallError,
} from "../../ha";
import { localize, localizeCount } from "../../localize/localize";
import { formatClock, pausedSecondsLeft, ringFraction } from "../../shared/countdown";
import { CountdownController } from "../../shared/countdown-controller";
import "../../shared/countdown-ring";
import { registerCustomCard } from "../../utils/custom-cards";
import { safeCustomElement } from "../../utils/define";
import { CARD_EDITOR_NAME, CARD_NAME, EXTEND_MINUTES, MAX_MINUTES, THANKS_MS } from "./const";
import { sleepEvidence } from "./evidence";
import {
  eveningOf,
  firstWeekday,
  formatDuration,
  formatMinutes,
  formatNumber,
  weekStart,
} from "./format";
import { checkConfig, type MatCardConfig, shows } from "./mat-card-config";
import { matCardStyles } from "./mat-card-styles";
import {
  canExtend,
  controlsFor,
  presetChoices,
  ratingDue,
  ratingExpiresIn,
  sessionPhase,
} from "./session-view";

// The picker lists cards before any dashboard has a hass object: use the page's language.
const pageLanguage = document.documentElement.lang || navigator.language;
registerCustomCard({
  type: CARD_NAME,
  name: localize(pageLanguage, "card.name"),
  description: localize(pageLanguage, "card.description"),
  preview: true,
  documentationURL: "https://github.com/acupressure-mat/ha-acupressure-mat#dashboard",
});

// Prompts the user waved away, for every card on the page.
const dismissedRatings = new Set<string>();

/** The entities whose states the card shows; a change of any other entity skips the render. */
const WATCHED = [
  "sensor.session",
  "sensor.session_end",
  "sensor.recommended_duration",
  "sensor.streak_days",
  "sensor.sleep_effect",
  "select.body_area",
  "event.activity",
];

@safeCustomElement(CARD_NAME)
export class MatCard extends LitElement {
  /** The visual editor, loaded only when the dashboard editor asks for it. */
  public static async getConfigElement(): Promise<LovelaceCardEditor> {
    await import("./mat-card-editor");
    return document.createElement(CARD_EDITOR_NAME) as LovelaceCardEditor;
  }

  /** The card picker's first suggestion: the first mat. */
  public static getStubConfig(hass: HomeAssistant): MatCardConfig {
    return { type: `custom:${CARD_NAME}`, entity: findMatSessions(hass)[0] ?? "" };
  }

  @property({ attribute: false }) public hass?: HomeAssistant;

  @state() private config?: MatCardConfig;
  @state() private error?: string;
  @state() private busy = false;
  @state() private showBasis = false;
  @state() private summary?: CardSummary;
  @state() private thanks = false;

  private readonly countdown = new CountdownController(this);
  private subscription?: Promise<() => Promise<void>>;
  private subscriptionKey?: string;
  private ratingTimer?: ReturnType<typeof setTimeout>;
  private thanksTimer?: ReturnType<typeof setTimeout>;

  public setConfig(config: unknown): void {
    this.config = checkConfig(config);
  }

  public getCardSize(): number {
    return 6;
  }

  public getGridOptions(): LovelaceGridOptions {
    return { columns: 12, rows: "auto", min_columns: 6 };
  }

  public connectedCallback(): void {
    super.connectedCallback();
    this.updateSubscription();
  }

  public disconnectedCallback(): void {
    super.disconnectedCallback();
    this.closeSubscription();
    clearTimeout(this.ratingTimer);
    clearTimeout(this.thanksTimer);
    this.thanks = false;
  }

  private get language(): string {
    return this.hass?.locale?.language ?? this.hass?.language ?? "en";
  }

  private get entities(): MatEntities {
    return this.hass && this.config ? findMatEntities(this.hass, this.config.entity) : {};
  }

  private t(key: string, values?: Record<string, string | number>): string {
    return localize(this.language, key, values);
  }

  private stateOf(key: string): HassEntity | undefined {
    const entityId = this.entities[key];
    return entityId ? this.hass?.states[entityId] : undefined;
  }

  protected shouldUpdate(changed: PropertyValues<this>): boolean {
    const oldHass = changed.get("hass") as HomeAssistant | undefined;
    if (changed.size !== 1 || !oldHass || !this.hass) {
      return true;
    }
    // Home Assistant hands every card a new hass at each state change anywhere.
    const hass = this.hass;
    if (
      oldHass.entities !== hass.entities ||
      oldHass.devices !== hass.devices ||
      oldHass.locale !== hass.locale ||
      oldHass.language !== hass.language
    ) {
      return true;
    }
    const entities = this.entities;
    const ids = [this.config?.entity, ...WATCHED.map((key) => entities[key])];
    return ids.some((id) => id !== undefined && oldHass.states[id] !== hass.states[id]);
  }

  protected willUpdate(): void {
    const session = this.config ? this.hass?.states[this.config.entity] : undefined;
    const running = sessionPhase(session?.state) === "running";
    const end = this.stateOf("sensor.session_end")?.state;
    this.countdown.setEnd(running && end && !Number.isNaN(Date.parse(end)) ? end : undefined);
    this.updateSubscription();
  }

  protected updated(): void {
    this.scheduleRatingExpiry();
  }

  // --- the summary subscription (week's minutes, last night, latest rating) ---

  private updateSubscription(): void {
    const hass = this.hass;
    const config = this.config;
    const wanted =
      this.isConnected &&
      hass !== undefined &&
      config !== undefined &&
      isMatSession(hass, config.entity) &&
      (shows(config, "show_sleep") || shows(config, "show_stats") || shows(config, "show_rating"));
    if (!wanted) {
      this.closeSubscription();
      return;
    }
    const now = new Date();
    const start = weekStart(now, firstWeekday(hass.locale?.first_weekday, this.language));
    // A new week or a new night asks the integration again.
    const key = `${config.entity}|${start.toISOString()}|${eveningOf(now)}`;
    if (key === this.subscriptionKey) {
      return;
    }
    this.closeSubscription();
    this.subscriptionKey = key;
    this.subscription = hass.connection.subscribeMessage<CardSummary>(
      (summary) => {
        this.summary = summary;
      },
      { type: `${DOMAIN}/card/subscribe`, entity_id: config.entity, week_start: start.toISOString() },
    );
    // Without the summary the card still works; it just shows less.
    this.subscription.catch(() => undefined);
  }

  private closeSubscription(): void {
    const subscription = this.subscription;
    this.subscription = undefined;
    this.subscriptionKey = undefined;
    this.summary = undefined;
    subscription?.then((unsubscribe) => unsubscribe()).catch(() => undefined);
  }

  private scheduleRatingExpiry(): void {
    clearTimeout(this.ratingTimer);
    const activity = this.stateOf("event.activity");
    if (activity && this.dueRating() !== undefined) {
      this.ratingTimer = setTimeout(() => this.requestUpdate(), ratingExpiresIn(activity, Date.now()) + 50);
    }
  }

  private dueRating(): string | undefined {
    if (!this.config || !shows(this.config, "show_rating")) {
      return undefined;
    }
    return ratingDue(this.stateOf("event.activity"), this.summary?.latest, Date.now(), dismissedRatings);
  }

  // --- actions ---

  private async call(
    domain: string,
    service: string,
    data: Record<string, unknown>,
    entityId: string,
  ): Promise<boolean> {
    if (!this.hass) {
      return false;
    }
    this.busy = true;
    this.error = undefined;
    try {
      // The card shows a refusal itself, so Home Assistant's toast is not needed.
      await this.hass.callService(domain, service, data, { entity_id: entityId }, false);
      return true;
    } catch (err) {
      this.error = await this.refusalText(err as ServiceCallError);
      return false;
    } finally {
      this.busy = false;
    }
  }

  private callMat(service: string, data: Record<string, unknown> = {}): Promise<boolean> {
    return this.call(DOMAIN, service, data, this.config!.entity);
  }

  /** Home Assistant's own translated message for a refused action. */
  private async refusalText(err: ServiceCallError): Promise<string> {
    const { translation_domain: domain, translation_key: key } = err ?? {};
    if (this.hass && domain && key) {
      try {
        const translate = await this.hass.loadBackendTranslation("exceptions", domain);
        const text = translate(`component.${domain}.exceptions.${key}.message`, err.translation_placeholders);
        if (text) {
          return text;
        }
      } catch {
        // Fall back to the message Home Assistant sent along.
      }
    }
    return err?.message ?? String(err);
  }

  private start(minutes: number): void {
    const select = this.stateOf("select.body_area");
    const options = select?.attributes.options;
    const data: Record<string, unknown> = { duration: minutes };
    // The area shown as chosen is the one the session gets.
    if (select && Array.isArray(options) && options.includes(select.state)) {
      data.body_area = select.state;
    }
    void this.callMat("start_session", data);
  }

  private chooseBodyArea(entityId: string, option: string): void {
    void this.call("select", "select_option", { option }, entityId);
  }

  private async rate(sessionId: string, rating: number): Promise<void> {
    if (await this.callMat("rate_session", { rating, session_id: sessionId })) {
      dismissedRatings.add(sessionId);
      this.thanks = true;
      clearTimeout(this.thanksTimer);
      this.thanksTimer = setTimeout(() => {
        this.thanks = false;
      }, THANKS_MS);
    }
  }

  private later(sessionId: string): void {
    dismissedRatings.add(sessionId);
    this.requestUpdate();
  }

  // --- rendering ---

  protected render(): TemplateResult | typeof nothing {
    const hass = this.hass;
    const config = this.config;
    if (!hass || !config) {
      return nothing;
    }
    if (!config.entity) {
      return this.renderWarning(this.t("errors.no_entity"));
    }
    const session = hass.states[config.entity];
    if (!session) {
      return this.renderWarning(this.t("errors.not_found", { entity: config.entity }));
    }
    if (!isMatSession(hass, config.entity)) {
      return this.renderWarning(this.t("errors.not_a_mat", { entity: config.entity }));
    }
    const phase = sessionPhase(session.state);
    let body: TemplateResult;
    if (phase === "running") {
      body = this.renderRunning(session);
    } else if (phase === "paused") {
      body = this.renderPaused(session);
    } else if (phase === "idle") {
      body = this.renderIdle();
    } else {
      body = html`<p class="warning">${this.t("errors.unavailable")}</p>`;
    }
    return html`
      <ha-card>
        ${this.renderHeader(session, phase)} ${body} ${this.renderError()}
      </ha-card>
    `;
  }

  private renderWarning(message: string): TemplateResult {
    return html`
      <ha-card>
        <div class="warning" role="alert">
          <ha-icon icon="mdi:alert-outline"></ha-icon><span>${message}</span>
        </div>
      </ha-card>
    `;
  }

  private renderHeader(session: HassEntity, phase: string): TemplateResult {
    const name = this.config?.name || matName(this.hass!, session.entity_id) || this.t("card.name");
    const status =
      this.hass?.formatEntityState?.(session) ??
      (phase === "idle" || phase === "running" || phase === "paused" ? this.t(`status.${phase}`) : session.state);
    return html`
      <div class="header">
        <ha-icon icon="mdi:meditation"></ha-icon>
        <h2 class="title">${name}</h2>
        <span class="status">${status}</span>
      </div>
    `;
  }

  private renderIdle(): TemplateResult {
    const config = this.config!;
    const due = this.dueRating();
    let controls: unknown = nothing;
    if (this.thanks) {
      controls = html`<p class="thanks" role="status">${this.t("rating.thanks")}</p>`;
    } else if (due !== undefined) {
      controls = this.renderRating(due);
    } else {
      const shown = controlsFor("idle");
      controls = html`
        ${shown.includes("presets") && shows(config, "show_presets") ? this.renderPresets() : nothing}
        ${shown.includes("body_area") && shows(config, "show_body_area") ? this.renderBodyArea() : nothing}
      `;
    }
    const facts = [
      shows(config, "show_sleep") ? this.renderSleep() : nothing,
      shows(config, "show_sleep") ? this.renderEvidence() : nothing,
      ...(shows(config, "show_stats") ? this.renderStats() : []),
    ];
    return html`
      ${controls}
      ${facts.some((fact) => fact !== nothing) ? html`<div class="facts">${facts}</div>` : nothing}
    `;
  }

  private renderPresets(): TemplateResult {
    const recommended = this.stateOf("sensor.recommended_duration");
    const choices = presetChoices(recommended?.state);
    const best = choices.find((choice) => choice.recommended);
    const basis = recommended?.attributes.basis;
    const basisText =
      best && typeof basis === "string"
        ? this.t(`basis.${basis}`, { nights: Number(recommended?.attributes.nights ?? 0) })
        : undefined;
    return html`
      <section aria-labelledby="presets-title">
        <div class="section-head">
          <h3 id="presets-title">${this.t("presets.title")}</h3>
          ${best && basisText
            ? html`<button
                class="why"
                aria-expanded=${this.showBasis ? "true" : "false"}
                aria-controls="basis"
                @click=${() => {
                  this.showBasis = !this.showBasis;
                }}
              >
                <ha-icon icon="mdi:information-outline"></ha-icon>
                ${this.t("presets.why", { minutes: best.minutes })}
              </button>`
            : nothing}
        </div>
        <div class="presets">
          ${choices.map(
            (choice) => html`
              <button
                class="preset ${choice.recommended ? "recommended" : ""}"
                ?disabled=${this.busy}
                title=${choice.recommended && basisText
                  ? `${this.t("presets.recommended")}: ${basisText}`
                  : this.t("presets.start", { minutes: choice.minutes })}
                aria-label=${this.t(choice.recommended ? "presets.start_recommended" : "presets.start", {
                  minutes: choice.minutes,
                })}
                @click=${() => this.start(choice.minutes)}
              >
                <span class="value" aria-hidden="true">${choice.minutes}</span>
                <span class="unit" aria-hidden="true">${this.t("presets.unit")}</span>
                ${choice.recommended ? html`<ha-icon class="star" icon="mdi:star-circle"></ha-icon>` : nothing}
              </button>
            `,
          )}
        </div>
        <p id="basis" class="basis" ?hidden=${!(this.showBasis && basisText)}>${basisText ?? ""}</p>
      </section>
    `;
  }

  private areaName(area: unknown): string {
    const text = String(area ?? "");
    const key = `body_area.${text}`;
    const translated = this.t(key);
    return translated === key ? text : translated;
  }

  private renderBodyArea(): TemplateResult | typeof nothing {
    const select = this.stateOf("select.body_area");
    const options = select?.attributes.options;
    if (!select || !Array.isArray(options)) {
      return nothing;
    }
    return html`
      <fieldset>
        <legend>${this.t("body_area.title")}</legend>
        <div class="segments">
          ${(options as string[]).map(
            (option) => html`
              <label class="segment">
                <input
                  type="radio"
                  name="body-area"
                  .checked=${select.state === option}
                  ?disabled=${this.busy}
                  @change=${() => this.chooseBodyArea(select.entity_id, option)}
                />
                <span>${this.areaName(option)}</span>
              </label>
            `,
          )}
        </div>
      </fieldset>
    `;
  }

  private renderSleep(): TemplateResult | typeof nothing {
    const sleep = this.summary?.sleep;
    if (!sleep) {
      return nothing;
    }
    const lang = this.language;
    const parts: string[] = [];
    if (sleep.score !== null) {
      parts.push(this.t("sleep.score", { score: formatNumber(lang, sleep.score) }));
    }
    if (sleep.duration_minutes !== null) {
      parts.push(this.t("sleep.duration", { duration: formatDuration(lang, sleep.duration_minutes) }));
    }
    return this.renderFact("mdi:sleep", this.t("sleep.title"), parts.join(" · ") || this.t("sleep.none"));
  }

  /** Mat nights against other nights, with the band behind the words. */
  private renderEvidence(): TemplateResult | typeof nothing {
    const text = sleepEvidence(this.language, this.stateOf("sensor.sleep_effect"));
    return text ? this.renderFact("mdi:scale-balance", this.t("evidence.title"), text) : nothing;
  }

  private renderStats(): TemplateResult[] {
    const facts: TemplateResult[] = [];
    const streak = Number(this.stateOf("sensor.streak_days")?.state);
    if (Number.isFinite(streak)) {
      facts.push(
        this.renderFact("mdi:fire", this.t("stats.streak"), localizeCount(this.language, "stats.streak_value", streak)),
      );
    }
    if (this.summary) {
      facts.push(
        this.renderFact(
          "mdi:calendar-week",
          this.t("stats.week"),
          formatMinutes(this.language, this.summary.week_minutes),
        ),
      );
    }
    return facts;
  }

  private renderFact(icon: string, label: string, value: string): TemplateResult {
    return html`
      <div class="fact">
        <ha-icon icon=${icon}></ha-icon>
        <span class="label">${label}</span>
        <span class="value">${value}</span>
      </div>
    `;
  }

  private renderClock(seconds: number | undefined, planned: unknown, paused: boolean): TemplateResult {
    const label =
      seconds === undefined
        ? ""
        : this.t("countdown.time_left", { minutes: Math.floor(seconds / 60), seconds: seconds % 60 });
    return html`
      <acupressure-mat-countdown-ring .fraction=${ringFraction(seconds, planned)} ?paused=${paused}>
        <div class="clock" role="timer" aria-label=${label}>
          ${seconds === undefined ? "--:--" : formatClock(seconds)}
        </div>
        <div class="clock-sub">${paused ? this.t("status.paused") : this.t("countdown.left")}</div>
      </acupressure-mat-countdown-ring>
    `;
  }

  private renderPlan(session: HassEntity): TemplateResult {
    return html`<div class="plan">
      ${this.t("countdown.of", {
        minutes: String(session.attributes.planned_minutes ?? ""),
        area: this.areaName(session.attributes.body_area),
      })}
    </div>`;
  }

  private renderRunning(session: HassEntity): TemplateResult {
    const planned = session.attributes.planned_minutes;
    const extendable = canExtend(planned);
    const shown = controlsFor("running");
    return html`
      <div class="session">
        ${this.renderClock(this.countdown.seconds, planned, false)} ${this.renderPlan(session)}
        <div class="controls">
          ${shown.includes("pause")
            ? html`<button class="control primary" ?disabled=${this.busy} @click=${() => this.callMat("pause_session")}>
                <ha-icon icon="mdi:pause"></ha-icon>${this.t("controls.pause")}
              </button>`
            : nothing}
          ${shown.includes("extend")
            ? html`<button
                class="control"
                ?disabled=${this.busy || !extendable}
                aria-label=${this.t("controls.extend_label", { minutes: EXTEND_MINUTES })}
                title=${extendable
                  ? this.t("controls.extend_label", { minutes: EXTEND_MINUTES })
                  : this.t("controls.extend_max", { max: MAX_MINUTES })}
                @click=${() => this.callMat("extend_session", { minutes: EXTEND_MINUTES })}
              >
                <ha-icon icon="mdi:timer-plus-outline"></ha-icon>${this.t("controls.extend", { minutes: EXTEND_MINUTES })}
              </button>`
            : nothing}
          ${shown.includes("stop") ? this.renderStop() : nothing}
        </div>
      </div>
    `;
  }

  private renderPaused(session: HassEntity): TemplateResult {
    const shown = controlsFor("paused");
    return html`
      <div class="session">
        ${this.renderClock(pausedSecondsLeft(session.attributes.remaining_minutes), session.attributes.planned_minutes, true)}
        ${this.renderPlan(session)}
        <div class="controls">
          ${shown.includes("resume")
            ? html`<button class="control primary" ?disabled=${this.busy} @click=${() => this.callMat("resume_session")}>
                <ha-icon icon="mdi:play"></ha-icon>${this.t("controls.resume")}
              </button>`
            : nothing}
          ${shown.includes("stop") ? this.renderStop() : nothing}
        </div>
      </div>
    `;
  }

  private renderStop(): TemplateResult {
    return html`<button
      class="control stop"
      ?disabled=${this.busy}
      aria-label=${this.t("controls.stop_label")}
      @click=${() => this.callMat("stop_session")}
    >
      <ha-icon icon="mdi:stop"></ha-icon>${this.t("controls.stop")}
    </button>`;
  }

  private renderRating(sessionId: string): TemplateResult {
    return html`
      <section class="rating" aria-labelledby="rating-title">
        <h3 id="rating-title">${this.t("rating.title")}</h3>
        <p>${this.t("rating.subtitle")}</p>
        <div class="stars" role="group" aria-labelledby="rating-title">
          ${[1, 2, 3, 4, 5].map((rating) => {
            const label = this.t("rating.star", { rating, word: this.t(`rating.word_${rating}`) });
            return html`
              <button
                class="star-button"
                ?disabled=${this.busy}
                aria-label=${label}
                title=${label}
                @click=${() => this.rate(sessionId, rating)}
              >
                <ha-icon icon="mdi:star-outline"></ha-icon>
                <span class="number" aria-hidden="true">${rating}</span>
              </button>
            `;
          })}
        </div>
        <button class="later" @click=${() => this.later(sessionId)}>${this.t("rating.later")}</button>
      </section>
    `;
  }

  private renderError(): TemplateResult | typeof nothing {
    if (!this.error) {
      return nothing;
    }
    return html`
      <div class="error" role="alert">
        <ha-icon icon="mdi:alert-circle-outline"></ha-icon>
        <span>${this.error}</span>
        <button
          aria-label=${this.t("errors.dismiss")}
          @click=${() => {
            this.error = undefined;
          }}
        >
          <ha-icon icon="mdi:close"></ha-icon>
        </button>
      </div>
    `;
  }

  static styles = matCardStyles;
}

declare global {
  interface HTMLElementTagNameMap {
    [CARD_NAME]: MatCard;
  }
}
