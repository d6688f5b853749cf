import type { StatusActions } from '../services/status/status-actions';
import type { StatusService } from '../services/status/status-service';
import type { EventBus } from './event-bus';
import type { Handlers } from './handle';

type StatusChannels =
  | 'status:summary'
  | 'status:card'
  | 'status:refresh'
  | 'status:cancel'
  | 'status:page'
  | 'status:person'
  | 'status:csv'
  | 'status:roleImpact'
  | 'status:provisionNow'
  | 'status:fixPhone';

export function statusHandlers(status: StatusService, actions: StatusActions): Pick<Handlers, StatusChannels> {
  return {
    'status:summary': ({ profileId }) => status.summary(profileId),
    'status:card': ({ profileId }) => status.card(profileId),
    'status:refresh': ({ profileId }) => status.refresh(profileId),
    'status:cancel': ({ profileId }) => ({ cancelled: status.cancel(profileId) }),
    'status:page': ({ profileId, ...q }) => status.page(profileId, q),
    'status:person': ({ profileId, key }) => status.person(profileId, key),
    'status:csv': ({ profileId, ...q }) => status.csv(profileId, q),
    'status:roleImpact': ({ profileId, rows }) => status.roleImpact(profileId, rows),
    'status:provisionNow': ({ profileId, oktaUserId }) => actions.provisionNow(profileId, oktaUserId),
    'status:fixPhone': ({ profileId, oktaUserId, primaryPhone }) => actions.fixPhone(profileId, oktaUserId, primaryPhone),
  };
}

/** The refresh job's callbacks, turned into events for every window. */
export function statusEventsTo(events: EventBus) {
  return {
    onProgress: (profileId: string, sources: Parameters<typeof events.emit<'status:progress'>>[1]['sources']) => events.emit('status:progress', { profileId, sources }),
    onDone: (profileId: string, r: { partial: boolean; failedSources: Parameters<typeof events.emit<'status:done'>>[1]['failedSources']; cancelled: boolean }) =>
      events.emit('status:done', { profileId, ...r }),
  };
}
