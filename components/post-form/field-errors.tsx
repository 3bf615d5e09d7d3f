/** The errors of a field the shared field components do not draw. */
export function FieldErrorList({ errors }: { errors?: string[] }) {
  return (
    <>
      {errors?.map((e) => (
        <p key={e} role="alert" className="mt-1 text-sm text-red-700">
          {e}
        </p>
      ))}
    </>
  );
}
