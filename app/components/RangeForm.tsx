import { Form } from "@remix-run/react";
import { FormErrors } from "~/components/RouteError";

export interface RangeFormProps {
  from: string;
  to: string;
  errors?: string[];
  action?: string;
  /** Other view settings (transforms, shown series) carried through a range change. */
  preserve?: [string, string][];
}

/** A plain GET form: it filters without JavaScript, and with it Remix navigates client-side. */
export function RangeForm({ from, to, errors = [], action = "/", preserve = [] }: RangeFormProps) {
  return (
    <Form method="get" action={action} className="range-form" aria-label="Date range">
      {preserve.map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <label>
        From
        <input type="date" name="from" defaultValue={from} aria-invalid={errors.length > 0} />
      </label>
      <label>
        To
        <input type="date" name="to" defaultValue={to} aria-invalid={errors.length > 0} />
      </label>
      <button type="submit">Apply</button>
      <FormErrors errors={errors} />
    </Form>
  );
}
