import "react";

// HTML lets a form carry rel (e.g. rel="noopener" beside target="_blank"); React renders it, but its types omit it.
declare module "react" {
  interface FormHTMLAttributes<T> {
    rel?: string | undefined;
  }
}
