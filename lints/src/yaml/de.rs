//! A serde `Deserializer` over [`Node`], so configuration errors point at the
//! key or value at fault ("unknown field `ignord`" on the key, "invalid type"
//! on the value), and booleans follow the same YAML 1.1 rules as manifests.

use super::node::{Entry, Node, NodeValue};
use super::scalar::Resolved;
use crate::text::TextRange;
use serde::de::{self, DeserializeSeed, Deserializer, Unexpected, Visitor};
use std::fmt;

/// A deserialization error located on the deepest node at fault.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeError {
    pub range: TextRange,
    pub message: String,
    /// Set once a node has claimed the error, so outer nodes leave it alone.
    located: bool,
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Self {
            range: TextRange::default(),
            message: msg.to_string(),
            located: false,
        }
    }
}

/// Deserializes `T` from a loaded node.
pub fn from_node<'de, T: de::Deserialize<'de>>(node: &'de Node) -> Result<T, DeError> {
    T::deserialize(NodeDe(node))
}

/// Errors raised while deserializing `node` (and not by a node below it) belong to `node`.
fn locate<T>(node: &Node, result: Result<T, DeError>) -> Result<T, DeError> {
    result.map_err(|mut e| {
        if !e.located {
            e.range = node.use_site();
            e.located = true;
        }
        e
    })
}

fn unexpected(node: &Node) -> Unexpected<'_> {
    match &node.value {
        NodeValue::Sequence(_) => Unexpected::Seq,
        NodeValue::Mapping(_) => Unexpected::Map,
        _ => match node.resolve() {
            Some(Resolved::Bool(b)) => Unexpected::Bool(b),
            Some(Resolved::Int(i)) => Unexpected::Signed(i),
            Some(Resolved::Float(f)) => Unexpected::Float(f),
            Some(Resolved::Str(s)) => Unexpected::Str(s),
            Some(Resolved::Null) | None => Unexpected::Unit,
        },
    }
}

#[derive(Clone, Copy)]
struct NodeDe<'de>(&'de Node);

impl<'de> NodeDe<'de> {
    fn invalid<T>(self, exp: &dyn de::Expected) -> Result<T, DeError> {
        Err(de::Error::invalid_type(unexpected(self.0), exp))
    }

    /// Scalars read as text whatever YAML 1.1 would make of them: a config
    /// value `on` or `3008` where a string is expected is meant as text.
    fn text(self) -> Option<&'de str> {
        self.0.scalar_text()
    }
}

macro_rules! forward_int {
    ($($method:ident),* $(,)?) => {
        $(fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
            let node = self.0;
            let result = match node.as_i64() {
                Some(i) => visitor.visit_i64(i),
                None => self.invalid(&visitor),
            };
            locate(node, result)
        })*
    };
}

impl<'de> Deserializer<'de> for NodeDe<'de> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let node = self.0;
        let result = match &node.value {
            NodeValue::Sequence(items) => visitor.visit_seq(SeqDe(items.iter())),
            NodeValue::Mapping(entries) => visitor.visit_map(MapDe {
                iter: entries.iter(),
                value: None,
            }),
            _ => match node.resolve() {
                Some(Resolved::Bool(b)) => visitor.visit_bool(b),
                Some(Resolved::Int(i)) => visitor.visit_i64(i),
                Some(Resolved::Float(f)) => visitor.visit_f64(f),
                Some(Resolved::Str(s)) => visitor.visit_borrowed_str(s),
                Some(Resolved::Null) | None => visitor.visit_unit(),
            },
        };
        locate(node, result)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let node = self.0;
        let result = match node.as_bool() {
            Some(b) => visitor.visit_bool(b),
            None => self.invalid(&visitor),
        };
        locate(node, result)
    }

    forward_int! {
        deserialize_i8, deserialize_i16, deserialize_i32, deserialize_i64,
        deserialize_u8, deserialize_u16, deserialize_u32, deserialize_u64,
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let node = self.0;
        let result = match node.as_f64() {
            Some(f) => visitor.visit_f64(f),
            None => self.invalid(&visitor),
        };
        locate(node, result)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let node = self.0;
        let result = match self.text() {
            Some(s) => visitor.visit_borrowed_str(s),
            None => self.invalid(&visitor),
        };
        locate(node, result)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let node = self.0;
        let result = match self.text() {
            Some(s) => visitor.visit_borrowed_bytes(s.as_bytes()),
            None => self.invalid(&visitor),
        };
        locate(node, result)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let node = self.0;
        let result = if node.is_null() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        };
        locate(node, result)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let node = self.0;
        let result = if node.is_null() {
            visitor.visit_unit()
        } else {
            self.invalid(&visitor)
        };
        locate(node, result)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let node = self.0;
        locate(node, visitor.visit_newtype_struct(self))
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let node = self.0;
        let result = match &node.value {
            NodeValue::Sequence(items) => visitor.visit_seq(SeqDe(items.iter())),
            // An empty value (`ignore:`) reads as an empty list rather than an error.
            NodeValue::Null => visitor.visit_seq(SeqDe([].iter())),
            _ => self.invalid(&visitor),
        };
        locate(node, result)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let node = self.0;
        let result = match &node.value {
            NodeValue::Mapping(entries) => visitor.visit_map(MapDe {
                iter: entries.iter(),
                value: None,
            }),
            NodeValue::Null => visitor.visit_map(MapDe {
                iter: [].iter(),
                value: None,
            }),
            _ => self.invalid(&visitor),
        };
        locate(node, result)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let node = self.0;
        let result = match &node.value {
            NodeValue::Scalar(_) => visitor.visit_enum(EnumDe {
                variant: node,
                value: None,
            }),
            NodeValue::Mapping(entries) if entries.len() == 1 => visitor.visit_enum(EnumDe {
                variant: &entries[0].key,
                value: Some(&entries[0].value),
            }),
            _ => self.invalid(&visitor),
        };
        locate(node, result)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }
}

struct SeqDe<'de>(std::slice::Iter<'de, Node>);

impl<'de> de::SeqAccess<'de> for SeqDe<'de> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        match self.0.next() {
            Some(node) => locate(node, seed.deserialize(NodeDe(node))).map(Some),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

struct MapDe<'de> {
    iter: std::slice::Iter<'de, Entry>,
    value: Option<&'de Node>,
}

impl<'de> de::MapAccess<'de> for MapDe<'de> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        match self.iter.next() {
            Some(entry) => {
                self.value = Some(&entry.value);
                locate(&entry.key, seed.deserialize(NodeDe(&entry.key))).map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let value = self
            .value
            .take()
            .ok_or_else(|| de::Error::custom("a value was read before its key"))?;
        locate(value, seed.deserialize(NodeDe(value)))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

struct EnumDe<'de> {
    variant: &'de Node,
    value: Option<&'de Node>,
}

impl<'de> de::EnumAccess<'de> for EnumDe<'de> {
    type Error = DeError;
    type Variant = VariantDe<'de>;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, VariantDe<'de>), DeError> {
        let variant = locate(self.variant, seed.deserialize(NodeDe(self.variant)))?;
        Ok((
            variant,
            VariantDe {
                variant: self.variant,
                value: self.value,
            },
        ))
    }
}

struct VariantDe<'de> {
    variant: &'de Node,
    value: Option<&'de Node>,
}

impl<'de> VariantDe<'de> {
    fn content(&self, expected: &str) -> Result<&'de Node, DeError> {
        self.value.ok_or_else(|| {
            let e: DeError = de::Error::invalid_type(Unexpected::UnitVariant, &expected);
            locate::<()>(self.variant, Err(e)).unwrap_err()
        })
    }
}

impl<'de> de::VariantAccess<'de> for VariantDe<'de> {
    type Error = DeError;

    fn unit_variant(self) -> Result<(), DeError> {
        match self.value {
            None => Ok(()),
            Some(v) if v.is_null() => Ok(()),
            Some(v) => locate(
                v,
                Err(de::Error::invalid_type(
                    unexpected(v),
                    &"nothing after a unit variant",
                )),
            ),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, DeError> {
        let value = self.content("a value")?;
        locate(value, seed.deserialize(NodeDe(value)))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, DeError> {
        let value = self.content("a list")?;
        NodeDe(value).deserialize_seq(visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let value = self.content("a mapping")?;
        NodeDe(value).deserialize_map(visitor)
    }
}
