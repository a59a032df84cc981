"""Staff session tokens: logging out, a new password or a lost role ends every session

Revision ID: c41d7a9e2f10
Revises: 2b9f3ecb5446
Create Date: 2026-12-05 15:45:00.000000

"""
import secrets

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c41d7a9e2f10'
down_revision = '2b9f3ecb5446'
branch_labels = None
depends_on = None

staff_user = sa.table('staff_user', sa.column('id', sa.Integer()), sa.column('session_token', sa.String(64)))


def upgrade():
    with op.batch_alter_table('staff_user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_token', sa.String(length=64), nullable=True))
    # Each user a token of their own; sessions from before the upgrade end, so everyone logs in once more.
    connection = op.get_bind()
    for (user_id,) in connection.execute(sa.select(staff_user.c.id)).all():
        connection.execute(
            staff_user.update().where(staff_user.c.id == user_id).values(session_token=secrets.token_urlsafe(32))
        )
    with op.batch_alter_table('staff_user', schema=None) as batch_op:
        batch_op.alter_column('session_token', existing_type=sa.String(length=64), nullable=False)


def downgrade():
    with op.batch_alter_table('staff_user', schema=None) as batch_op:
        batch_op.drop_column('session_token')
