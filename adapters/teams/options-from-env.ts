/** MicrosoftApp* and TEAMS_* variables → the Teams adapter's options. */
import { delaysEnv, optionalEnv, type Env } from '../shared/env';
import type { TeamsAdapterOptions } from './teams-adapter';

const appTypes = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const;

export function teamsOptionsFromEnv(env: Env): TeamsAdapterOptions {
  const appId = optionalEnv(env, 'MicrosoftAppId');
  const appPassword = optionalEnv(env, 'MicrosoftAppPassword');
  const appType =
    optionalEnv(env, 'MicrosoftAppType') ?? (appId === undefined ? undefined : 'MultiTenant');
  const tenantId = optionalEnv(env, 'MicrosoftAppTenantId');
  const path = optionalEnv(env, 'TEAMS_MESSAGES_PATH');
  const laterDelays = delaysEnv(env, 'TEAMS_OUTBOX_DELAYS_MS');
  if (appType !== undefined && !(appTypes as readonly string[]).includes(appType)) {
    throw new Error(
      `MicrosoftAppType "${appType}" is not one of ${appTypes.join(', ')}; use the type shown on the Azure Bot's Configuration page.`,
    );
  }
  if (appId !== undefined && appType !== 'UserAssignedMSI' && appPassword === undefined) {
    throw new Error(
      'MicrosoftAppPassword is required with MicrosoftAppId: create a client secret in the app registration ("Certificates & secrets") and put its value here.',
    );
  }
  if ((appType === 'SingleTenant' || appType === 'UserAssignedMSI') && tenantId === undefined) {
    throw new Error(
      `MicrosoftAppTenantId is required for a ${appType} bot: use the Directory (tenant) ID of the app registration.`,
    );
  }
  return {
    ...(appId === undefined ? {} : { appId }),
    ...(appPassword === undefined ? {} : { appPassword }),
    ...(appType === undefined ? {} : { appType }),
    ...(tenantId === undefined ? {} : { tenantId }),
    ...(path === undefined ? {} : { path }),
    ...(laterDelays === undefined ? {} : { laterDelaysMs: laterDelays }),
  };
}
