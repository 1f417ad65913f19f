import { Component, type ComponentChildren } from 'preact';
import { describeError, signInProblem } from '../api/errors.ts';

export function Skeleton({ height = 16, width = '100%' }: { height?: number; width?: string | number }) {
  return <span class="sa-skeleton" style={{ height, width }} aria-hidden="true" />;
}

export function ErrorState({
  error,
  onRetry,
  title,
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  return (
    <div class="sa-state sa-state-error" role="alert">
      <strong>{signInProblem(error)?.title ?? title ?? 'Could not load this view'}</strong>
      <p>{describeError(error)}</p>
      {onRetry && (
        <button type="button" class="sa-btn sa-btn-primary" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="sa-state" role="status">
      <strong>{title}</strong>
      {children && <p>{children}</p>}
    </div>
  );
}

interface BoundaryProps {
  name: string;
  children: ComponentChildren;
}

/** Keeps a crash in one view from blanking the whole widget; "Try again" remounts that view. */
export class ErrorBoundary extends Component<BoundaryProps, { error: unknown; key: number }> {
  override state = { error: null as unknown, key: 0 };

  override componentDidCatch(error: unknown) {
    this.setState({ error });
  }

  override render() {
    if (this.state.error) {
      return (
        <ErrorState
          title={`The ${this.props.name} view hit a problem`}
          error={this.state.error}
          onRetry={() => this.setState((s) => ({ error: null, key: s.key + 1 }))}
        />
      );
    }
    return (
      <div key={this.state.key} class="sa-view-body">
        {this.props.children}
      </div>
    );
  }
}
