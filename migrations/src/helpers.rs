use sea_orm_migration::prelude::*;

/// A named foreign key from `table.column` to `parent.id`.
pub fn fk(
    table: &'static str,
    column: &'static str,
    parent: &'static str,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{table}_{column}"))
        .from(table, column)
        .to(parent, "id")
        .on_delete(on_delete)
        .on_update(ForeignKeyAction::Cascade)
        .to_owned()
}

/// An index on one or more columns of `table`.
pub fn index(table: &'static str, columns: &[&'static str], unique: bool) -> IndexCreateStatement {
    let mut stmt = Index::create();
    stmt.name(format!("idx_{table}_{}", columns.join("_"))).table(table);
    for c in columns {
        stmt.col(*c);
    }
    if unique {
        stmt.unique();
    }
    stmt.to_owned()
}

pub async fn create_indexes(manager: &SchemaManager<'_>, indexes: Vec<IndexCreateStatement>) -> Result<(), DbErr> {
    for i in indexes {
        manager.create_index(i).await?;
    }
    Ok(())
}

pub async fn drop_tables(manager: &SchemaManager<'_>, tables: &[&'static str]) -> Result<(), DbErr> {
    for t in tables {
        manager.drop_table(Table::drop().table(*t).if_exists().to_owned()).await?;
    }
    Ok(())
}
