import { css, html, LitElement, svg, type TemplateResult } from "lit";
import { property } from "lit/decorators.js";
import { safeCustomElement } from "../utils/define";

export const COUNTDOWN_RING_NAME = "acupressure-mat-countdown-ring";

const RADIUS = 45;
const CIRCUMFERENCE = 2 * Math.PI * RADIUS;

/** A ring that empties as the session runs, with the time left in its middle. */
@safeCustomElement(COUNTDOWN_RING_NAME)
export class CountdownRing extends LitElement {
  /** The part still to go, 0–1. */
  @property({ type: Number }) fraction = 0;

  /** Frozen (paused): the ring turns grey. */
  @property({ type: Boolean, reflect: true }) paused = false;

  protected render(): TemplateResult {
    const offset = CIRCUMFERENCE * (1 - this.fraction);
    return html`
      <svg viewBox="0 0 100 100" aria-hidden="true" focusable="false">
        ${svg`
          <circle class="track" cx="50" cy="50" r=${RADIUS}></circle>
          <circle
            class="progress"
            cx="50"
            cy="50"
            r=${RADIUS}
            stroke-dasharray=${CIRCUMFERENCE}
            stroke-dashoffset=${offset}
          ></circle>
        `}
      </svg>
      <div class="center"><slot></slot></div>
    `;
  }

  static styles = css`
    :host {
      display: grid;
      place-items: center;
      position: relative;
      width: var(--countdown-ring-size, 168px);
      aspect-ratio: 1;
    }
    svg {
      position: absolute;
      inset: 0;
      transform: rotate(-90deg);
    }
    circle {
      fill: none;
      stroke-width: 6;
    }
    .track {
      stroke: var(--divider-color, rgba(127, 127, 127, 0.3));
    }
    .progress {
      stroke: var(--primary-color);
      stroke-linecap: round;
      transition: stroke-dashoffset 0.9s linear;
    }
    :host([paused]) .progress {
      stroke: var(--disabled-text-color, var(--secondary-text-color));
    }
    .center {
      position: relative;
      text-align: center;
    }
    @media (prefers-reduced-motion: reduce) {
      .progress {
        transition: none;
      }
    }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    [COUNTDOWN_RING_NAME]: CountdownRing;
  }
}
