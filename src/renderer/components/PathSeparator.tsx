/**
 * The "→" between the parts of a menu path. Screen readers hear " then " (with its spaces, so
 * the parts do not run together); the arrow itself is hidden from them.
 */
export function PathSeparator() {
  return (
    <span className="path-sep">
      <span aria-hidden="true"> → </span>
      <span className="visually-hidden"> then </span>
    </span>
  );
}
