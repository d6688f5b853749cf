import { useEffect, useState } from 'react';
import type { ResultOf } from '../../../shared/ipc-contract';
import { Icon } from '../../components/Icon';
import { useStatusStore } from './status-store';

/**
 * The profile header's compact status: the last complete snapshot's verdict and when it was read.
 * Read from disk only (no join), so opening a 100,000-person profile stays instant.
 */
export function StatusCard({ profileId, onOpen }: { profileId: string; onOpen: () => void }) {
  const [card, setCard] = useState<ResultOf<'status:card'>>(null);
  // A finished refresh changes the snapshot: read the card again.
  const takenAt = useStatusStore((s) => (s.profileId === profileId ? s.summary?.takenAt : undefined));
  useEffect(() => {
    let live = true;
    window.api.status.card({ profileId }).then((c) => live && setCard(c), () => undefined);
    return () => {
      live = false;
    };
  }, [profileId, takenAt]);
  if (!card) return null;
  return (
    <button type="button" className={`status-card${card.needsAttention ? ' attention' : ''}`} onClick={onOpen} data-testid="status-card">
      <Icon name={card.needsAttention ? 'alert' : 'check'} size={14} />
      {card.needsAttention ? `Status: ${card.needsAttention} need attention` : 'Status: nothing needs attention'}
      <span className="muted"> · {card.counts.matching} provisioned · read {new Date(card.takenAt).toLocaleString()}</span>
    </button>
  );
}
