import { PageTitle } from '../../components/PageTitle';
import { Link } from '../../router/router';

export function NotFoundPage() {
  return (
    <>
      <PageTitle title="Page not found" />
      <p className="lead">There is nothing at this address.</p>
      <p>
        <Link to="/">Go to the home page</Link>
      </p>
    </>
  );
}
