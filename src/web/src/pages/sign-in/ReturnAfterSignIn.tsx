import { useEffect } from 'react';
import { returnPath } from '../../auth/returnPath';
import { Loading } from '../../components/Loading';
import { navigate } from '../../router/router';

/** /sign-in and /sign-up once signed in: on to the page they name in ?next= (home when none), in place of them. */
export function ReturnAfterSignIn() {
  useEffect(() => navigate(returnPath(), { replace: true }), []);
  return <Loading />;
}
