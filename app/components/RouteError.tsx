import { isRouteErrorResponse, useRouteError, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { RangeBar } from "~/components/RangeBar";

/** A route's error as a page shows it: the loader's own text (400, 404), or a plain apology. */
export function useRouteErrorMessage(): { status: number | null; message: string } {
  const error = useRouteError();
  if (!isRouteErrorResponse(error)) return { status: null, message: SERVER_FAULT };
  return {
    status: error.status,
    message: typeof error.data === "string" ? error.data : SERVER_FAULT,
  };
}

const SERVER_FAULT = "Something went wrong on our side.";

/**
 * The error page of a filtered list: a bad request keeps the filter form on screen, filled with
 * what was asked for and saying what is wrong, so it can be fixed; any other error just says so.
 */
export function FilterErrorPage({
  title,
  form,
}: {
  title: string;
  /** The page's filter form, from the request's parameters, showing `errors`. */
  form: (params: URLSearchParams, errors: string[]) => ReactNode;
}) {
  const { status, message } = useRouteErrorMessage();
  const [params] = useSearchParams();
  return (
    <main className="page">
      <header className="page-header">
        <h1>{title}</h1>
      </header>
      {status === 400 ? (
        <RangeBar>{form(params, [message])}</RangeBar>
      ) : (
        <p role="alert">{message}</p>
      )}
    </main>
  );
}

/** What is wrong with a form's input, under the form. */
export function FormErrors({ errors }: { errors: readonly string[] }) {
  return errors.length > 0 ? (
    <div className="form-errors" role="alert">
      {errors.map((error) => (
        <p key={error}>{error}</p>
      ))}
    </div>
  ) : null;
}
