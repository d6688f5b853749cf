import type { ReactNode } from 'react';
import { Icon, type IconName } from './Icon';

/** One labelled fact (an icon and a label over its value); goes inside a <dl>. */
export function Fact({ icon, label, children }: { icon: IconName; label: string; children: ReactNode }) {
  return (
    <div className="fact">
      <dt>
        <Icon name={icon} size={14} />
        {label}
      </dt>
      <dd>{children}</dd>
    </div>
  );
}
