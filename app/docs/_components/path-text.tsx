import { Fragment } from "react";
import { pathSegments } from "./openapi-model";

/** A route path that wraps only after a "/", so no segment is split mid-word. */
export function PathText({ path }: { path: string }) {
  return (
    <>
      {pathSegments(path).map((segment, index) => (
        <Fragment key={index}>
          {index > 0 && <wbr />}
          {segment}
        </Fragment>
      ))}
    </>
  );
}
