import type { HTMLAttributes, ReactNode } from 'react';
import { Icon, type IconName } from './Icon';

export type CalloutTone = 'success' | 'warning' | 'danger' | 'neutral';

interface CalloutProps extends Omit<HTMLAttributes<HTMLElement>, 'title'> {
  tone: CalloutTone;
  icon: IconName;
  /** The bold first line. */
  title: ReactNode;
  /**
   * Makes the callout a named region: a <section> labelled by an <h2 id={headingId}> title.
   * Without it, a <div> with a paragraph title (a note inside something else).
   */
  headingId?: string;
  /** After the body, at the right edge (a dismiss button). */
  aside?: ReactNode;
  children?: ReactNode;
}

/** A toned note with an icon, a bold title and a body: warnings, errors, a step's status. */
export function Callout({ tone, icon, title, headingId, aside, className, children, ...rest }: CalloutProps) {
  const classes = `callout callout-${tone}${className ? ` ${className}` : ''}`;
  const body = (
    <>
      <Icon name={icon} size={20} className="callout-icon" />
      <div className="callout-body">
        {headingId ? (
          <h2 id={headingId} className="callout-title">
            {title}
          </h2>
        ) : (
          <p className="callout-title">{title}</p>
        )}
        {children}
      </div>
      {aside}
    </>
  );
  return headingId ? (
    <section className={classes} aria-labelledby={headingId} {...rest}>
      {body}
    </section>
  ) : (
    <div className={classes} {...rest}>
      {body}
    </div>
  );
}
