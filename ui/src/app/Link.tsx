import type { AnchorHTMLAttributes, MouseEvent } from 'react';
import { isModifiedClick, navigate } from './router';

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string };

/** An ordinary link whose plain clicks stay in the app; modifier clicks open tabs as usual. */
export function Link({ href, onClick, target, ...rest }: LinkProps) {
  function handleClick(event: MouseEvent<HTMLAnchorElement>) {
    onClick?.(event);
    if (event.defaultPrevented || isModifiedClick(event) || (target && target !== '_self')) {
      return;
    }
    event.preventDefault();
    if (href !== window.location.pathname + window.location.search) {
      navigate(href);
    }
  }
  return <a href={href} target={target} onClick={handleClick} {...rest} />;
}
