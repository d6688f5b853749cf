import type { SetupStepId } from '../../../../shared/setup';
import type { StepDefinition } from '../step-definition';
import { allowSsoStep } from './allow-sso.step';
import { assertionPreviewStep } from './assertion-preview.step';
import { createAppStep } from './create-app.step';
import { enableScimStep } from './enable-scim.step';
import { groupMappingStep } from './group-mapping.step';
import { prerequisitesStep } from './prerequisites.step';
import { primaryPhoneStep } from './primary-phone.step';
import { pushGroupsStep } from './push-groups.step';
import { scimConnectionStep } from './scim-connection.step';
import { threatlockerSamlStep } from './threatlocker-saml.step';
import { toAppStep } from './to-app.step';

/** The article's order. */
export const steps: StepDefinition[] = [
  prerequisitesStep,
  createAppStep,
  assertionPreviewStep,
  threatlockerSamlStep,
  enableScimStep,
  scimConnectionStep,
  toAppStep,
  pushGroupsStep,
  primaryPhoneStep,
  groupMappingStep,
  allowSsoStep,
];

export function stepById(id: SetupStepId): StepDefinition {
  const step = steps.find((s) => s.id === id);
  if (!step) throw new Error(`unknown setup step ${id}`);
  return step;
}
