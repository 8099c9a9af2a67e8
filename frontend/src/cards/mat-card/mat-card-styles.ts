import { css } from "lit";

// Colours come from Home Assistant's theme variables, so light, dark and
// custom themes all apply; sizes keep 44 px touch targets on a 390 px phone.
export const matCardStyles = css`
  :host {
    display: block;
  }
  ha-card {
    height: 100%;
    box-sizing: border-box;
    padding: 16px;
    display: flex;
    flex-direction: column;
    gap: 16px;
  }
  .header {
    display: flex;
    align-items: center;
    gap: 12px;
    min-width: 0;
  }
  .header ha-icon {
    color: var(--state-icon-color, var(--primary-color));
    flex: none;
  }
  .title {
    margin: 0;
    font-size: var(--ha-font-size-l, 18px);
    font-weight: var(--ha-font-weight-medium, 500);
    line-height: 1.3;
    flex: 1;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .status {
    color: var(--secondary-text-color);
    font-size: var(--ha-font-size-s, 13px);
    flex: none;
  }
  section {
    display: flex;
    flex-direction: column;
    gap: 8px;
  }
  .section-head {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 8px;
    flex-wrap: wrap;
  }
  h3,
  legend {
    margin: 0;
    padding: 0;
    font-size: var(--ha-font-size-s, 13px);
    font-weight: var(--ha-font-weight-medium, 500);
    color: var(--secondary-text-color);
  }
  button {
    font: inherit;
    color: inherit;
    cursor: pointer;
    -webkit-tap-highlight-color: transparent;
  }
  button:disabled {
    cursor: default;
    opacity: 0.5;
  }
  button:focus-visible,
  .segment input:focus-visible + span {
    outline: 2px solid var(--primary-color);
    outline-offset: 2px;
  }
  .presets {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(56px, 1fr));
    gap: 8px;
  }
  .preset {
    position: relative;
    min-height: 48px;
    padding: 6px 4px;
    border-radius: 12px;
    border: 1px solid var(--divider-color);
    background: var(--secondary-background-color, transparent);
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    line-height: 1.1;
  }
  .preset .value {
    font-size: var(--ha-font-size-l, 18px);
    font-weight: var(--ha-font-weight-medium, 500);
  }
  .preset .unit {
    font-size: var(--ha-font-size-xs, 11px);
    color: var(--secondary-text-color);
  }
  .preset.recommended {
    border: 2px solid var(--primary-color);
    background: rgba(var(--rgb-primary-color, 3, 169, 244), 0.12);
  }
  @media (hover: hover) {
    .preset:not(:disabled):hover,
    .control:not(:disabled):hover {
      border-color: var(--primary-color);
    }
  }
  .preset .star {
    position: absolute;
    top: -9px;
    right: -6px;
    --mdc-icon-size: 18px;
    color: var(--primary-color);
    background: var(--ha-card-background, var(--card-background-color, white));
    border-radius: 50%;
  }
  .why {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    min-height: 32px;
    padding: 0 8px;
    border: none;
    border-radius: 16px;
    background: none;
    color: var(--primary-color);
    font-size: var(--ha-font-size-s, 13px);
    --mdc-icon-size: 18px;
  }
  .basis {
    margin: 0;
    padding: 8px 12px;
    border-radius: 8px;
    background: var(--secondary-background-color, transparent);
    color: var(--primary-text-color);
    font-size: var(--ha-font-size-s, 13px);
    line-height: 1.45;
  }
  fieldset {
    border: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 8px;
    min-width: 0;
  }
  .segments {
    display: grid;
    grid-auto-flow: column;
    grid-auto-columns: 1fr;
    border: 1px solid var(--divider-color);
    border-radius: 12px;
    overflow: hidden;
  }
  .segment {
    position: relative;
    display: flex;
  }
  .segment + .segment {
    border-left: 1px solid var(--divider-color);
  }
  .segment input {
    position: absolute;
    opacity: 0;
    width: 100%;
    height: 100%;
    margin: 0;
    cursor: pointer;
  }
  .segment span {
    flex: 1;
    min-height: 44px;
    display: flex;
    align-items: center;
    justify-content: center;
    padding: 0 4px;
  }
  .segment input:checked + span {
    background: var(--primary-color);
    color: var(--text-primary-color, white);
  }
  .segment input:disabled + span {
    opacity: 0.5;
  }
  .facts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(104px, 1fr));
    gap: 8px;
  }
  .fact {
    display: grid;
    grid-template-columns: auto 1fr;
    column-gap: 8px;
    align-items: center;
    padding: 8px 10px;
    border-radius: 12px;
    background: var(--secondary-background-color, transparent);
    --mdc-icon-size: 20px;
  }
  .fact ha-icon {
    grid-row: span 2;
    color: var(--secondary-text-color);
  }
  .fact .label {
    font-size: var(--ha-font-size-xs, 11px);
    color: var(--secondary-text-color);
  }
  .fact .value {
    font-weight: var(--ha-font-weight-medium, 500);
  }
  .session {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 12px;
  }
  .clock {
    font-size: 40px;
    font-weight: var(--ha-font-weight-medium, 500);
    font-variant-numeric: tabular-nums;
    line-height: 1.1;
  }
  .clock-sub,
  .plan {
    color: var(--secondary-text-color);
    font-size: var(--ha-font-size-s, 13px);
  }
  .controls {
    display: flex;
    gap: 8px;
    width: 100%;
    justify-content: center;
    flex-wrap: wrap;
  }
  .control {
    flex: 1 1 0;
    max-width: 160px;
    min-height: 44px;
    padding: 0 12px;
    border-radius: 22px;
    border: 1px solid var(--divider-color);
    background: var(--secondary-background-color, transparent);
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 6px;
    white-space: nowrap;
    --mdc-icon-size: 20px;
  }
  .control.primary {
    border-color: var(--primary-color);
    background: var(--primary-color);
    color: var(--text-primary-color, white);
  }
  .control.stop {
    color: var(--error-color);
  }
  .rating {
    align-items: center;
    text-align: center;
  }
  .rating h3 {
    font-size: var(--ha-font-size-m, 15px);
    color: var(--primary-text-color);
  }
  .rating p {
    margin: 0;
    color: var(--secondary-text-color);
    font-size: var(--ha-font-size-s, 13px);
  }
  .stars {
    display: flex;
    gap: 4px;
    justify-content: center;
  }
  .star-button {
    min-width: 48px;
    min-height: 48px;
    border: none;
    border-radius: 24px;
    background: none;
    color: var(--primary-color);
    display: inline-flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    --mdc-icon-size: 28px;
  }
  .star-button .number {
    font-size: var(--ha-font-size-xs, 11px);
    color: var(--secondary-text-color);
  }
  .later {
    min-height: 36px;
    border: none;
    background: none;
    color: var(--secondary-text-color);
    text-decoration: underline;
  }
  .thanks {
    text-align: center;
    color: var(--primary-text-color);
  }
  .error,
  .warning {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 8px 12px;
    border-radius: 8px;
    --mdc-icon-size: 20px;
  }
  .error {
    color: var(--error-color);
    background: rgba(var(--rgb-error-color, 219, 68, 55), 0.12);
  }
  .warning {
    color: var(--warning-color, var(--error-color));
  }
  .error span {
    flex: 1;
  }
  .error button {
    min-width: 36px;
    min-height: 36px;
    border: none;
    background: none;
    color: inherit;
    --mdc-icon-size: 18px;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
