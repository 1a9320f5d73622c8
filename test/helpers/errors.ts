/** The error `act` throws, checked to be an instance of `type`; fails the test when it throws nothing or something else. */
export function thrownBy<E extends Error>(act: () => unknown, type: new (...args: never[]) => E): E {
  try {
    act();
  } catch (e) {
    if (e instanceof type) return e;
    throw e;
  }
  throw new Error(`expected a ${type.name}`);
}
