import { Icon } from '../../components/Icon';
import { setupSteps } from './setup-steps';

/** Where the guided setup will live. It lists the steps, and claims nothing about their state. */
export function SetupOverview() {
  return (
    <section className="card setup-overview" aria-labelledby="setup-title" data-testid="setup-overview">
      <div className="setup-overview-head">
        <span className="setup-overview-icon" aria-hidden="true">
          <Icon name="list" size={20} />
        </span>
        <div>
          <h2 id="setup-title" className="card-title">
            Guided setup arrives here
          </h2>
          <p className="muted">
            The console will walk through ThreatLocker’s Okta SCIM article step by step, do what it can through the Okta
            and ThreatLocker APIs, and verify each step. Until then, these are the steps it covers:
          </p>
        </div>
      </div>
      <ol className="setup-steps">
        {setupSteps.map((step, index) => (
          <li key={step.title} className="setup-step">
            <span className="setup-step-number" aria-hidden="true">
              {index + 1}
            </span>
            <div>
              <p className="setup-step-title">{step.title}</p>
              <p className="setup-step-where">{step.where}</p>
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
